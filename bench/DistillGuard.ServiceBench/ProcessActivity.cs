using System.Diagnostics;

namespace DistillGuard.ServiceBench;

/// <summary>What the whole process did in a measured window: garbage collections, the pause they cost, and CPU used.</summary>
/// <param name="Gen0">Generation 0 collections.</param>
/// <param name="Gen1">Generation 1 collections.</param>
/// <param name="Gen2">Generation 2 collections.</param>
/// <param name="GcPauseMs">Total GC pause, in milliseconds.</param>
/// <param name="CpuCores">CPU time of the process over wall time: how many cores it kept busy on average.</param>
public sealed record ProcessActivity(int Gen0, int Gen1, int Gen2, double GcPauseMs, double CpuCores)
{
    /// <summary>Starts a window; <see cref="ProcessWindow.Stop"/> ends it.</summary>
    public static ProcessWindow Start()
    {
        using var process = Process.GetCurrentProcess();
        return new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), process.TotalProcessorTime, Stopwatch.GetTimestamp());
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"GC {Gen0}/{Gen1}/{Gen2} (gen0/1/2), paused {GcPauseMs:F0} ms; process CPU {CpuCores:F2} cores");
}
