namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>How often a client's requests are refused: rate-limited (429, retried after a back-off) or rejected (400).</summary>
/// <param name="RateLimited">The chance of a 429.</param>
/// <param name="BadRequest">The chance of a 400.</param>
internal readonly record struct ErrorProfile(double RateLimited, double BadRequest)
{
    public static ErrorProfile Interactive => new(0.002, 0.003);

    public static ErrorProfile Automated => new(0.01, 0.002);

    public static ErrorProfile Aggressive => new(0.035, 0.004);
}
