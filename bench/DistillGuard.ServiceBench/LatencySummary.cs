using System.Diagnostics;

namespace DistillGuard.ServiceBench;

/// <summary>Percentiles of a set of latencies, in microseconds (nearest rank on the sorted samples).</summary>
public sealed record LatencySummary
{
    /// <summary>Gets how many samples there were.</summary>
    public required int Count { get; init; }

    /// <summary>Gets the mean.</summary>
    public required double MeanUs { get; init; }

    /// <summary>Gets the median.</summary>
    public required double P50Us { get; init; }

    /// <summary>Gets the 90th percentile.</summary>
    public required double P90Us { get; init; }

    /// <summary>Gets the 99th percentile.</summary>
    public required double P99Us { get; init; }

    /// <summary>Gets the 99.9th percentile.</summary>
    public required double P999Us { get; init; }

    /// <summary>Gets the largest sample.</summary>
    public required double MaxUs { get; init; }

    /// <summary>Summarises <see cref="Stopwatch"/> tick counts; negative entries (failed requests) are left out.</summary>
    public static LatencySummary FromTicks(IEnumerable<long> ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        var sorted = ticks.Where(t => t >= 0).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary { Count = 0, MeanUs = double.NaN, P50Us = double.NaN, P90Us = double.NaN, P99Us = double.NaN, P999Us = double.NaN, MaxUs = double.NaN };
        }

        return new LatencySummary
        {
            Count = sorted.Length,
            MeanUs = Microseconds((long)sorted.Average(t => (double)t)),
            P50Us = Microseconds(Percentile(sorted, 0.50)),
            P90Us = Microseconds(Percentile(sorted, 0.90)),
            P99Us = Microseconds(Percentile(sorted, 0.99)),
            P999Us = Microseconds(Percentile(sorted, 0.999)),
            MaxUs = Microseconds(sorted[^1]),
        };
    }

    /// <summary>Converts <see cref="Stopwatch"/> ticks to microseconds.</summary>
    public static double Microseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static long Percentile(long[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
