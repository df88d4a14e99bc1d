namespace DistillGuard.Simulation.Simulator;

/// <summary>What a simulation run wrote.</summary>
public sealed record SimulationResult
{
    /// <summary>Gets the number of exchanges written to the traffic stream.</summary>
    public required long Exchanges { get; init; }

    /// <summary>Gets the number of label lines written to the labels stream.</summary>
    public required int Labels { get; init; }

    /// <summary>Gets the start of the simulated window.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets the end of the simulated window (exclusive).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Gets the seed the run used.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the scale the run used.</summary>
    public required double Scale { get; init; }

    /// <summary>Gets the accounts the simulated provider allow-lists (licensed customers); written to the allow-list output, never to the traffic.</summary>
    public IReadOnlyList<AllowListEntry> AllowList { get; init; } = [];

    /// <summary>Gets the contribution of each population and campaign, in scenario order.</summary>
    public required IReadOnlyList<SimulationGroup> Groups { get; init; }
}
