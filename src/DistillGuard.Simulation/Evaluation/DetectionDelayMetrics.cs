namespace DistillGuard.Simulation.Evaluation;

/// <summary>How much of a flagged attacker's traffic went by before detection flagged it.</summary>
/// <remarks>Percentiles interpolate linearly between the closest ranks (Hyndman and Fan's definition 7).</remarks>
public sealed record DetectionDelayMetrics
{
    /// <summary>Gets the flagged attackers with <c>exchanges_before_flag</c> and at least one exchange, which the delays describe.</summary>
    public required int Measured { get; init; }

    /// <summary>Gets the median of <c>exchanges_before_flag / exchanges</c>, or <see langword="null"/> when nothing was measured.</summary>
    public required double? MedianFraction { get; init; }

    /// <summary>Gets the 90th percentile of <c>exchanges_before_flag / exchanges</c>, or <see langword="null"/> when nothing was measured.</summary>
    public required double? P90Fraction { get; init; }

    /// <summary>Gets the median of <c>exchanges_before_flag</c>, or <see langword="null"/> when nothing was measured.</summary>
    public required double? MedianExchangesBeforeFlag { get; init; }
}
