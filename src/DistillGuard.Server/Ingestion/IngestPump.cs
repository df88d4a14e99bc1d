using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Server.Ingestion;

/// <summary>
/// Applies an ingest stream to the engine: one loop per partition reads its batches in order, applies each to the
/// engine host (which journals it durably, then observes it) and only then acknowledges it.
/// </summary>
/// <remarks>
/// <para>
/// Durability: a batch is acknowledged to the stream only after the engine host's journal committed it (SQLite or
/// PostgreSQL, as in the embedded mode), so from the moment the ingest API answered, an exchange is either in the
/// stream or in the journal, and the journal is what a restart replays. A crash between the commit and the
/// acknowledgement makes the stream deliver the batch again.
/// </para>
/// <para>
/// Idempotence: the pump remembers the position (stream sequence) of every batch it applied until the stream has
/// confirmed its acknowledgement (a double ack: once confirmed, the stream never delivers it again). A batch delivered
/// again while its position is remembered (the acknowledgement failed, or the loop stopped between applying and
/// acknowledging) is acknowledged without being applied. Positions, not a high-water mark: a stream delivers a batch
/// again after its acknowledgement wait, possibly after later ones, so "at or before the last applied" would drop it.
/// After a restart of the process that memory starts empty, and a batch delivered again is applied through the
/// journal, which refuses every exchange id it already holds: nothing is observed twice (the refused exchanges are
/// counted as duplicates).
/// </para>
/// <para>
/// When the stream cannot be reached the loop waits <see cref="RetryDelay"/> and reads again, for ever; the ingest API
/// answers 503 meanwhile.
/// </para>
/// </remarks>
internal sealed partial class IngestPump(IIngestLog stream, EngineHost host, TimeProvider time, ILogger<IngestPump> logger) : BackgroundService
{
    /// <summary>How long a partition's loop waits before reading again after the stream failed.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly HashSet<long>[] _unconfirmed = [.. Enumerable.Range(0, stream.Partitions).Select(_ => new HashSet<long>())];
    private long _skipped;
    private long _batches;

    /// <summary>Gets how many batches were applied.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Gets how many batches were delivered again and skipped because their position was already applied.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Counts the batches of a partition applied whose acknowledgement the stream has not confirmed yet.</summary>
    public int Unconfirmed(int partition)
    {
        lock (_unconfirmed[partition])
        {
            return _unconfirmed[partition].Count;
        }
    }

    /// <summary>Applies one batch unless its position was applied already; returns whether it applied it.</summary>
    /// <param name="batch">The batch, read from <see cref="IIngestLog.ReadAsync"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the journal.</param>
    public async Task<bool> ApplyAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        bool known;
        lock (_unconfirmed[batch.Partition])
        {
            known = _unconfirmed[batch.Partition].Contains(batch.Position);
        }

        if (known)
        {
            Interlocked.Increment(ref _skipped);
            LogSkipped(logger, batch.Partition, batch.Position, batch.Deliveries);
            return false;
        }

        var decoded = new List<(Exchange, ExchangeFeatures)>(batch.Entries.Count);
        var entries = new List<JournalEntry>(batch.Entries.Count);
        foreach (var entry in batch.Entries)
        {
            try
            {
                decoded.Add(JournalCodec.Decode(entry.Payload));
                entries.Add(entry);
            }
            catch (InvalidDataException ex)
            {
                LogUndecodable(logger, batch.Partition, batch.Position, entry.ExchangeId, ex.Message);
            }
        }

        if (decoded.Count > 0)
        {
            // Journalled (durable) and observed before this returns.
            await host.IngestJournalledAsync(decoded, entries, cancellationToken).ConfigureAwait(false);
        }

        lock (_unconfirmed[batch.Partition])
        {
            _unconfirmed[batch.Partition].Add(batch.Position);
        }

        Interlocked.Increment(ref _batches);
        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, stream.Partitions).Select(p => RunPartitionAsync(p, stoppingToken)));

    /// <summary>Reads, applies and acknowledges one partition until <paramref name="stoppingToken"/> stops it.</summary>
    internal async Task RunPartitionAsync(int partition, CancellationToken stoppingToken)
    {
        // The engine's restore ran before the host started this service; yield so that the other partitions start too.
        await Task.Yield();
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var batch in stream.ReadAsync(partition, 0, stoppingToken).ConfigureAwait(false))
                {
                    if (failing)
                    {
                        failing = false;
                        LogRecovered(logger, partition);
                    }

                    await ApplyAsync(batch, CancellationToken.None).ConfigureAwait(false);
                    await stream.AcknowledgeAsync(batch, stoppingToken).ConfigureAwait(false);
                    lock (_unconfirmed[partition])
                    {
                        _unconfirmed[partition].Remove(batch.Position);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (IngestUnavailableException ex)
            {
                if (!failing)
                {
                    failing = true;
                    LogUnavailable(logger, partition, ex.Message);
                }

                try
                {
                    await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "Partition {Partition}: batch at {Position} (delivery {Deliveries}) was applied already; acknowledged, not applied again")]
    private static partial void LogSkipped(ILogger logger, int partition, long position, int deliveries);

    [LoggerMessage(2, LogLevel.Warning, "Partition {Partition}: batch at {Position}: exchange {ExchangeId} does not decode and is skipped: {Reason}")]
    private static partial void LogUndecodable(ILogger logger, int partition, long position, string exchangeId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Partition {Partition}: the ingest stream is unavailable, retrying: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, int partition, string reason);

    [LoggerMessage(4, LogLevel.Information, "Partition {Partition}: the ingest stream is reachable again")]
    private static partial void LogRecovered(ILogger logger, int partition);
}
