namespace DistillGuard.Simulation.Simulator;

/// <summary>An inclusive range of real numbers in a scenario file: <c>{ "min": 0.1, "max": 0.6 }</c>.</summary>
public sealed record DoubleRange
{
    /// <summary>Gets the smallest value.</summary>
    public required double Min { get; init; }

    /// <summary>Gets the largest value.</summary>
    public required double Max { get; init; }

    /// <summary>Creates a range.</summary>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <returns>The range.</returns>
    public static DoubleRange Of(double min, double max) => new() { Min = min, Max = max };
}
