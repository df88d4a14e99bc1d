namespace DistillGuard.ServiceBench;

/// <summary>What one HTTP ingest pass did.</summary>
public sealed record HttpIngestRun
{
    /// <summary>Gets the time from the first body sent to the last answer read.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Gets how many bodies were posted.</summary>
    public required int Bodies { get; init; }

    /// <summary>Gets the exchanges the service accepted (summed over the answers).</summary>
    public required long Accepted { get; init; }

    /// <summary>Gets the exchanges the service answered as duplicates.</summary>
    public required long Duplicates { get; init; }

    /// <summary>Gets the lines the service rejected.</summary>
    public required long Rejected { get; init; }

    /// <summary>Gets the bodies that failed (status and the start of the answer), if any.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>Gets the latency of one body, from send to answer.</summary>
    public required LatencySummary BodyLatency { get; init; }

    /// <summary>Gets what the process did (GC, CPU) during the pass.</summary>
    public required ProcessActivity Activity { get; init; }

    /// <summary>Gets the accepted exchanges per second.</summary>
    public double PerSecond => Accepted / Elapsed.TotalSeconds;
}
