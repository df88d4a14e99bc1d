using System.Diagnostics;

namespace DistillGuard.ServiceBench;

/// <summary>The process's counters when a window started.</summary>
public readonly record struct ProcessWindow(int Gen0, int Gen1, int Gen2, TimeSpan Pause, TimeSpan Cpu, long Started)
{
    /// <summary>Ends the window.</summary>
    public ProcessActivity Stop()
    {
        using var process = Process.GetCurrentProcess();
        var wall = Stopwatch.GetElapsedTime(Started);
        return new(
            GC.CollectionCount(0) - Gen0,
            GC.CollectionCount(1) - Gen1,
            GC.CollectionCount(2) - Gen2,
            (GC.GetTotalPauseDuration() - Pause).TotalMilliseconds,
            (process.TotalProcessorTime - Cpu) / wall);
    }
}
