namespace DistillGuard.Cli.Bench;

/// <summary>The timed runs of one pass.</summary>
internal sealed record PassTimings
{
    /// <summary>Gets each run's duration in seconds, in the order run.</summary>
    public required IReadOnlyList<double> Seconds { get; init; }

    /// <summary>Gets the median duration in seconds.</summary>
    public required double MedianSeconds { get; init; }

    /// <summary>Gets the exchanges per second at the median duration.</summary>
    public required double ExchangesPerSecond { get; init; }

    /// <summary>Gets the processor time each run used, in seconds, all the threads of the process that ran it together (GC included); the floor runs in a process of its own.</summary>
    public required IReadOnlyList<double> CpuSeconds { get; init; }

    /// <summary>Gets the median processor time, in seconds.</summary>
    public required double MedianCpuSeconds { get; init; }
}
