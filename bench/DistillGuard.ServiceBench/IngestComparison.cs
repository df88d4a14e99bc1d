namespace DistillGuard.ServiceBench;

/// <summary>
/// Part 1: the batch pipeline in-process (a) and the <c>distillguard detect</c> command as a process (c) against HTTP
/// ingest into a fresh service (b), on the same traffic.
/// </summary>
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

    /// <summary>Gets the wall-clock seconds of each run of the command (c), in order.</summary>
    public required IReadOnlyList<double> CommandSeconds { get; init; }

    /// <summary>Gets the median exchanges per second of the command's runs.</summary>
    public required double CommandMedianPerSecond { get; init; }

    /// <summary>Gets HTTP over batch, of the medians.</summary>
    public double Ratio => HttpMedianPerSecond / BatchMedianPerSecond;

    /// <summary>Gets HTTP over the command, of the medians.</summary>
    public double CommandRatio => HttpMedianPerSecond / CommandMedianPerSecond;
}
