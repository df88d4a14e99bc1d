using System.Runtime;
using System.Runtime.InteropServices;

namespace DistillGuard.ServiceBench;

/// <summary>The machine and runtime a run measured on.</summary>
public sealed record BenchMachine
{
    /// <summary>Gets the logical processors.</summary>
    public required int Processors { get; init; }

    /// <summary>Gets the operating system.</summary>
    public required string Os { get; init; }

    /// <summary>Gets the .NET runtime.</summary>
    public required string Runtime { get; init; }

    /// <summary>Gets whether the server garbage collector ran.</summary>
    public required bool ServerGc { get; init; }

    /// <summary>Gets whether this build is optimised (Release).</summary>
    public required bool Optimized { get; init; }

    /// <summary>Gets when the run started (UTC).</summary>
    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary>Gets the machine's load average (1, 5, 15 minutes) when the run started, or <c>n/a</c>: other work on the cores skews every figure.</summary>
    public required string LoadAverage { get; init; }

    /// <summary>Reads the load average from <c>/proc/loadavg</c>, or answers <c>n/a</c> where there is none.</summary>
    public static string ReadLoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    /// <summary>Describes this process.</summary>
    public static BenchMachine Current(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new BenchMachine
        {
            Processors = Environment.ProcessorCount,
            Os = RuntimeInformation.OSDescription,
            Runtime = RuntimeInformation.FrameworkDescription,
            ServerGc = GCSettings.IsServerGC,
            Optimized = !typeof(BenchMachine).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
                .OfType<System.Diagnostics.DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled),
            MeasuredAt = time.GetUtcNow(),
            LoadAverage = ReadLoadAverage(),
        };
    }
}
