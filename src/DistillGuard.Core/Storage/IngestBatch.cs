namespace DistillGuard.Core.Storage;

/// <summary>Entries read from one partition of an <see cref="IIngestLog"/>, to be applied and then acknowledged as one.</summary>
public sealed class IngestBatch
{
    /// <summary>Gets the partition the batch was read from.</summary>
    public required int Partition { get; init; }

    /// <summary>Gets the batch's position in its partition: increasing, the same each time the batch is read.</summary>
    public required long Position { get; init; }

    /// <summary>Gets how many times the batch was delivered, this time included (more than 1: read again after no acknowledgement).</summary>
    public required int Deliveries { get; init; }

    /// <summary>Gets the entries, in the order they were appended.</summary>
    public required IReadOnlyList<JournalEntry> Entries { get; init; }

    /// <summary>Gets the log's own handle for the acknowledgement (a message), or <see langword="null"/>.</summary>
    public object? Handle { get; init; }
}
