using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Hosting;

/// <summary>Adapts an options class's own <c>Validate()</c> (a list of problems) to <see cref="IValidateOptions{TOptions}"/>.</summary>
internal sealed class OptionsValidator<TOptions>(Func<TOptions, IReadOnlyList<string>> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
