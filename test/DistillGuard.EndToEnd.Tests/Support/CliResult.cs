namespace DistillGuard.EndToEnd.Tests.Support;

/// <summary>What one run of the <c>distillguard</c> process produced.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Gets the non-empty lines written to standard error.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Gets a description for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}; stdout: {Out}; stderr: {Error}";
}
