using System.Text.Json;
using System.Threading.Channels;
using DistillGuard.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Server.Audit;

/// <summary>
/// Writes the audit log. State changes made through the API (an override, a key) are written before the API answers;
/// enforcement changes seen on the request path are queued and written by a background task, so a decision never
/// waits on the store.
/// </summary>
internal sealed partial class AuditTrail(IServiceStore store, TimeProvider time, ILogger<AuditTrail> logger) : BackgroundService
{
    private readonly Channel<AuditRecord> _queue = Channel.CreateBounded<AuditRecord>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Writes an entry now.</summary>
    public Task<AuditRecord> WriteAsync(string actor, string action, string target, IReadOnlyDictionary<string, string?> detail, CancellationToken cancellationToken) =>
        store.AppendAuditAsync(Create(actor, action, target, detail), cancellationToken);

    /// <summary>Queues an entry for the background writer; never blocks.</summary>
    public void Enqueue(string actor, string action, string target, IReadOnlyDictionary<string, string?> detail)
    {
        if (!_queue.Writer.TryWrite(Create(actor, action, target, detail)))
        {
            LogDropped(logger, action, target);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Drain until the writer completes at stop, so queued entries are written even while stopping.
        await foreach (var record in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await store.AppendAuditAsync(record, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(logger, ex, record.Action, record.Target);
            }
        }
    }

    private AuditRecord Create(string actor, string action, string target, IReadOnlyDictionary<string, string?> detail) => new()
    {
        At = time.GetUtcNow(),
        Actor = actor,
        Action = action,
        Target = target,
        Detail = JsonSerializer.Serialize(detail, ServerJsonContext.Default.IReadOnlyDictionaryStringString),
    };

    [LoggerMessage(1, LogLevel.Warning, "Audit queue full: dropped a {Action} entry for {Target}")]
    private static partial void LogDropped(ILogger logger, string action, string target);

    [LoggerMessage(2, LogLevel.Error, "Could not write the audit entry {Action} for {Target}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string action, string target);
}
