using System.Runtime.CompilerServices;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Journal;

/// <summary>
/// The embedded journal (the service store's exchange table, SQLite or PostgreSQL) as an <see cref="IIngestLog"/>: one
/// partition, positions are journal sequences, an exchange id it already holds is refused for ever.
/// </summary>
/// <remarks>
/// The engine host appends to it and applies in one step (journal order is observation order), so nothing is pending
/// and an acknowledgement has nothing to record: the journal keeps every entry, and the engine's checkpoint holds the
/// sequence it has applied up to (the replay at start reads from there). The on-disk format is the store's and the
/// payloads are <see cref="JournalCodec"/>'s, unchanged.
/// </remarks>
internal sealed class JournalIngestLog(IServiceStore store) : IIngestLog
{
    private const int ReadBatchEntries = 1024;

    public int Partitions => 1;

    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) =>
        store.AppendExchangesAsync(entries, cancellationToken);

    public async IAsyncEnumerable<IngestBatch> ReadAsync(int partition, long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(partition, 0);
        var entries = new List<JournalEntry>(ReadBatchEntries);
        await foreach (var entry in store.ReadExchangesAsync(afterPosition, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
            if (entries.Count == ReadBatchEntries)
            {
                yield return Batch(entries);
                entries = new List<JournalEntry>(ReadBatchEntries);
            }
        }

        if (entries.Count > 0)
        {
            yield return Batch(entries);
        }
    }

    public Task AcknowledgeAsync(IngestBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> CountPendingAsync(int partition, CancellationToken cancellationToken) => Task.FromResult(0L);

    private static IngestBatch Batch(List<JournalEntry> entries) =>
        new() { Partition = 0, Position = entries[^1].Sequence, Deliveries = 1, Entries = entries };
}
