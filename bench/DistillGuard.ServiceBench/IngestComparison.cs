namespace DistillGuard.ServiceBench;

/// <summary>Part 1: the batch pipeline in-process (a) against HTTP ingest into a fresh service (b), on the same traffic.</summary>
public sealed record IngestComparison
{
    /// <summary>Gets the batch runs, in order.</summary>
    public required IReadOnlyList<BatchPassResult> Batch { get; init; }

    /// <summary>Gets the HTTP runs, in order.</summary>
    public required IReadOnlyList<HttpIngestRun> Http { get; init; }

    /// <summary>Gets the median exchanges per second of the batch runs.</summary>
    public required double BatchMedianPerSecond { get; init; }

    /// <summary>Gets the median exchanges per second of the HTTP runs.</summary>
    public required double HttpMedianPerSecond { get; init; }

    /// <summary>Gets HTTP over batch, of the medians.</summary>
    public double Ratio => HttpMedianPerSecond / BatchMedianPerSecond;
}
