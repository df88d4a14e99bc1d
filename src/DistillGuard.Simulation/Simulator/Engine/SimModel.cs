namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>A served model as the engine uses it.</summary>
/// <param name="Name">The model name.</param>
/// <param name="Tier">Its class.</param>
/// <param name="Reasoning">Whether it reasons (reports reasoning tokens, accepts <c>reasoning_effort</c>).</param>
/// <param name="ReleasedAt">When it becomes available.</param>
/// <param name="IsNewRelease">Whether it is released during the simulation rather than available from the start.</param>
internal sealed record SimModel(string Name, ModelTier Tier, bool Reasoning, DateTimeOffset ReleasedAt, bool IsNewRelease)
{
    /// <summary>Gets the time the model takes per generated token.</summary>
    public double MsPerToken => Tier switch
    {
        ModelTier.Flagship => 15,
        ModelTier.Mini => 7,
        _ => 4,
    };

    /// <summary>Gets the output budget the API applies when a request sets none.</summary>
    public int DefaultOutputLimit => Tier == ModelTier.Fast ? 8192 : 32768;
}
