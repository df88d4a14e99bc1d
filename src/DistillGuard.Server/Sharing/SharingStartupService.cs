using Microsoft.Extensions.Hosting;

namespace DistillGuard.Server.Sharing;

/// <summary>
/// Loads the indicators received before a restart into the index, after the store is initialised and before the
/// engine restores, so that the journal's replay matches against them as the live path did.
/// </summary>
internal sealed class SharingStartupService(SharingCoordinator sharing) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (sharing.Enabled)
        {
            await sharing.ReloadIndexAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
