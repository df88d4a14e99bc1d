namespace DistillGuard.Simulation.Simulator;

/// <summary>An inclusive range of whole numbers in a scenario file: <c>{ "min": 10, "max": 80 }</c>.</summary>
public sealed record IntRange
{
    /// <summary>Gets the smallest value.</summary>
    public required int Min { get; init; }

    /// <summary>Gets the largest value.</summary>
    public required int Max { get; init; }

    /// <summary>Creates a range.</summary>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <returns>The range.</returns>
    public static IntRange Of(int min, int max) => new() { Min = min, Max = max };
}
