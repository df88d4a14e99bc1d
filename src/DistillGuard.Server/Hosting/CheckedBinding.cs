using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Hosting;

/// <summary>
/// Binds an options type to its section only when <see cref="ConfigurationChecker"/> finds nothing wrong with it, so
/// reading the options never throws; a section with problems leaves the defaults, and the check at start
/// (<see cref="DistillGuardConfiguration"/>) stops the service with the problems.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class CheckedBinding<TOptions>(IConfiguration node, string path) : IConfigureOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options)
    {
        if (ConfigurationChecker.Check(node, path, typeof(TOptions)).Count == 0)
        {
            node.Bind(options);
        }
    }
}
