namespace DistillGuard.Simulation.Simulator;

/// <summary>A model the simulated provider serves, and the day it becomes available (an entry of <c>models</c>).</summary>
public sealed record ModelRelease
{
    /// <summary>Gets the model name written in <c>request.model</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets or sets the class of the model.</summary>
    /// <value>Defaults to <see cref="ModelTier.Flagship"/>.</value>
    public ModelTier Tier { get; set; } = ModelTier.Flagship;

    /// <summary>Gets or sets whether the model reasons before answering (reports <c>reasoning_tokens</c>, accepts <c>reasoning_effort</c>).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Reasoning { get; set; } = true;

    /// <summary>Gets or sets the simulation day (0-based) on which the model is released; 0 means available from the start.</summary>
    /// <value>Defaults to 0.</value>
    public int ReleaseDay { get; set; }

    /// <summary>Gets or sets the hour of the release day (UTC) at which the model becomes available.</summary>
    /// <value>Defaults to 16.</value>
    public int ReleaseHour { get; set; } = 16;
}
