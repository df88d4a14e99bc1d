namespace DistillGuard.Core.Storage;

/// <summary>
/// A durable, partitioned log of accepted exchanges between the producers (the ingest API) and the pumps that apply
/// them to the engine: producers append batches and are answered once the batch is durable; a pump reads a partition's
/// batches in order, applies them, and acknowledges each once what it applied is durable on its side.
/// </summary>
/// <remarks>
/// <para>
/// Two implementations: the embedded journal of the service store (one partition, positions are journal sequences;
/// appending and applying are one step in the engine host, and the engine's checkpoint records how far it applied), and
/// NATS JetStream (a partition per subject <c>dg.ingest.{partition}</c>, positions are stream sequences, one durable
/// consumer per partition).
/// </para>
/// <para>
/// Delivery is at least once: a batch read but not acknowledged (the pump stopped, or crashed, between applying and
/// acknowledging) is read again, with the same <see cref="IngestBatch.Position"/>, and possibly after batches appended
/// later; so a pump that remembers the positions it applied until their acknowledgement is confirmed skips a batch it
/// sees again instead of applying it twice.
/// </para>
/// </remarks>
public interface IIngestLog
{
    /// <summary>Gets the number of partitions; an account's exchanges all go to <see cref="IngestPartitioner.PartitionOf"/>.</summary>
    int Partitions { get; }

    /// <summary>Appends entries; the task completes when they are durable, and only then may the producer answer.</summary>
    /// <param name="entries">The entries, in order; their <see cref="JournalEntry.Sequence"/> is ignored.</param>
    /// <param name="cancellationToken">Stops waiting; entries may or may not have been appended then.</param>
    /// <returns>
    /// For each entry, the position it was appended at, or 0 when the log refused it as a duplicate (the journal refuses
    /// an exchange id it holds; a log that does not check ids never answers 0).
    /// </returns>
    /// <exception cref="IngestUnavailableException">The log cannot be reached or did not confirm in time; the producer answers 503.</exception>
    Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a partition's batches, oldest first, waiting for new ones until <paramref name="cancellationToken"/> stops
    /// it (the journal's ends at its last entry). A batch not acknowledged is read again (by this enumeration after the
    /// log's acknowledgement wait, or by the next one).
    /// </summary>
    /// <param name="partition">The partition, in [0, <see cref="Partitions"/>).</param>
    /// <param name="afterPosition">
    /// Where to start in a log that keeps every entry and no consumer state (the journal: after this sequence); a log
    /// whose consumer keeps its own place (JetStream) starts at its first unacknowledged batch and ignores it.
    /// </param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="IngestUnavailableException">The log cannot be reached.</exception>
    IAsyncEnumerable<IngestBatch> ReadAsync(int partition, long afterPosition, CancellationToken cancellationToken);

    /// <summary>Acknowledges a batch as applied: it is not read again.</summary>
    /// <param name="batch">A batch this log's <see cref="ReadAsync"/> returned.</param>
    /// <param name="cancellationToken">Stops waiting for the log's confirmation.</param>
    /// <returns>A task that completes when the log has recorded the acknowledgement.</returns>
    /// <exception cref="IngestUnavailableException">The log cannot be reached; the batch will be read again.</exception>
    Task AcknowledgeAsync(IngestBatch batch, CancellationToken cancellationToken);

    /// <summary>Counts the batches of a partition appended but not yet acknowledged (the pump's lag).</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The count.</returns>
    /// <exception cref="IngestUnavailableException">The log cannot be reached.</exception>
    Task<long> CountPendingAsync(int partition, CancellationToken cancellationToken);
}
