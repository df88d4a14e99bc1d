using DistillGuard.Core.Storage;
using DistillGuard.Server.Overrides;
using DistillGuard.Server.Security;
using Microsoft.Extensions.Hosting;

namespace DistillGuard.Server.Hosting;

/// <summary>
/// Runs first at start: creates the store's schema, puts the configured keys in it (or the first admin key, printed
/// once when generated), and loads the active overrides.
/// </summary>
internal sealed class StoreStartupService(
    IServiceStore store,
    ApiKeyBootstrapper keys,
    OverrideBook overrides,
    ServerSettings settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var generated = await keys.RunAsync(settings.AdminKeyFromEnvironment, cancellationToken).ConfigureAwait(false);
        if (generated is not null)
        {
            // Printed once, to the console, never logged: the store keeps only its hash.
            await settings.Console.WriteLineAsync(
                $"distillguard: generated an admin API key (shown once; set {ApiKeyBootstrapper.AdminKeyVariable} or configure keys to choose your own):")
                .ConfigureAwait(false);
            await settings.Console.WriteLineAsync("  " + generated).ConfigureAwait(false);
            await settings.Console.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await overrides.LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
