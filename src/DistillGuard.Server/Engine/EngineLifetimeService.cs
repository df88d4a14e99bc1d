using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Engine;

/// <summary>
/// Restores the engine before the service answers anything, checkpoints it on an interval, and once more at a clean
/// stop (a crash loses nothing either: the journal holds everything after the last checkpoint).
/// </summary>
/// <remarks>It takes the <see cref="Decisions.SignalBoard"/> so that the board subscribes before the restore replays anything.</remarks>
internal sealed class EngineLifetimeService(EngineHost host, Decisions.SignalBoard signals, IOptions<EngineHostOptions> options, TimeProvider time) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(signals);
        await host.RestoreAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (host.Ready)
        {
            await host.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await host.CheckpointAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; StopAsync writes the last checkpoint.
        }
    }
}
