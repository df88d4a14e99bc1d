namespace DistillGuard.Cli.Bench;

/// <summary>What <c>bench</c> measured, as printed and as written to <c>--json</c>.</summary>
internal sealed record BenchReport
{
    /// <summary>Gets the input file.</summary>
    public required string Input { get; init; }

    /// <summary>Gets the input's format name.</summary>
    public required string Format { get; init; }

    /// <summary>Gets the input file's size on disk, in bytes.</summary>
    public required long InputBytes { get; init; }

    /// <summary>Gets the lines of the input, blank lines included.</summary>
    public required long Lines { get; init; }

    /// <summary>Gets the exchanges the floor and detection each parsed (lines that parse as JSON for the floor).</summary>
    public required long Exchanges { get; init; }

    /// <summary>Gets the timed runs of each pass, after one warm-up pass of each.</summary>
    public required int Runs { get; init; }

    /// <summary>Gets the floor's timings.</summary>
    public required PassTimings Floor { get; init; }

    /// <summary>Gets detection's timings.</summary>
    public required PassTimings Detect { get; init; }

    /// <summary>Gets the median detection time over the median floor time.</summary>
    public required double DetectToFloorRatio { get; init; }

    /// <summary>
    /// Gets the median processor time of detection over that of the floor: how much more work detection does, whatever
    /// the parallelism the machine gives it.
    /// </summary>
    public required double DetectToFloorCpuRatio { get; init; }

    /// <summary>Gets the memory probe's measurement, or <see langword="null"/> when it was skipped.</summary>
    public MemoryReport? Memory { get; init; }

    /// <summary>Gets the peak working set of the bench process over the whole run, in bytes.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Gets the machine and runtime the figures were measured on.</summary>
    public required BenchEnvironment Environment { get; init; }
}
