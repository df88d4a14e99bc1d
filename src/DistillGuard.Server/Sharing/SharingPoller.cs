using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Server.Sharing;

/// <summary>Pulls each configured peer on its own interval (and sends the sightings due), on the service's clock.</summary>
internal sealed partial class SharingPoller(SharingCoordinator sharing, TimeProvider time, ILogger<SharingPoller> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sharing.Enabled)
        {
            return Task.CompletedTask;
        }

        var loops = sharing.Options.Peers.Where(p => p.Interval > TimeSpan.Zero).Select(p => PollAsync(p, stoppingToken)).ToList();
        return Task.WhenAll(loops);
    }

    private async Task PollAsync(SharingPeerOptions peer, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(peer.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await sharing.PullAsync(peer.Name, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failed round (the store, a malformed answer) must not end the schedule.
                    LogRoundFailed(logger, ex, peer.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(1, LogLevel.Error, "A scheduled pull of peer {Peer} failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string peer);
}
