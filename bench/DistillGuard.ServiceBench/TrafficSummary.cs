namespace DistillGuard.ServiceBench;

/// <summary>The traffic a run used.</summary>
public sealed record TrafficSummary
{
    /// <summary>Gets where it came from.</summary>
    public required string Source { get; init; }

    /// <summary>Gets its non-blank lines.</summary>
    public required long Lines { get; init; }

    /// <summary>Gets its size, uncompressed.</summary>
    public required long Bytes { get; init; }

    /// <summary>Gets how many ingest bodies it was cut into.</summary>
    public required int Bodies { get; init; }

    /// <summary>Gets how long simulating or reading it took, in seconds.</summary>
    public required double PrepareSeconds { get; init; }
}
