using DistillGuard.Core.Storage;
using DistillGuard.Server.Overrides;
using DistillGuard.Server.Security;
using Microsoft.Extensions.Hosting;

namespace DistillGuard.Server.Hosting;

/// <summary>
/// Runs first at start: takes the store's single-writer lock, creates the store's schema, puts the configured keys in it (or the first admin key, printed
/// once when generated), and loads the active overrides.
/// </summary>
internal sealed class StoreStartupService : IHostedService
{
    private readonly IServiceStore _store;
    private readonly StoreWriterLock _writerLock;
    private readonly ApiKeyBootstrapper _keys;
    private readonly OverrideBook _overrides;
    private readonly ServerSettings _settings;

    public StoreStartupService(
        DistillGuardConfiguration configuration,
        IServiceStore store,
        StoreWriterLock writerLock,
        ApiKeyBootstrapper keys,
        OverrideBook overrides,
        ServerSettings settings)
    {
        // The host builds every hosted service before it runs the validations registered to run at start; checking
        // here, first, means a configuration problem is reported as one OptionsValidationException with every
        // problem, whatever else reads its options first.
        configuration.EnsureValid();
        _store = store;
        _writerLock = writerLock;
        _keys = keys;
        _overrides = overrides;
        _settings = settings;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // First: a second service on the same store refuses to start before it writes anything.
        await _writerLock.AcquireAsync(cancellationToken).ConfigureAwait(false);
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var generated = await _keys.RunAsync(_settings.AdminKeyFromEnvironment, cancellationToken).ConfigureAwait(false);
        if (generated is not null)
        {
            // Printed once, to the console, never logged: the store keeps only its hash.
            await _settings.Console.WriteLineAsync(
                $"distillguard: generated an admin API key (shown once; set {ApiKeyBootstrapper.AdminKeyVariable} or configure keys to choose your own):")
                .ConfigureAwait(false);
            await _settings.Console.WriteLineAsync("  " + generated).ConfigureAwait(false);
            await _settings.Console.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await _overrides.LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
