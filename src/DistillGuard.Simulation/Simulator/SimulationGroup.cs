namespace DistillGuard.Simulation.Simulator;

/// <summary>What one population or campaign contributed to a simulation's traffic.</summary>
public sealed record SimulationGroup
{
    /// <summary>Gets the population name or campaign id, for example <c>chat</c>, <c>router-user</c> or <c>hydra-1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the population or campaign kind, for example <c>router</c> or <c>hydra</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the label its subjects carry (<c>benign</c> or <c>distillation</c>), or <see langword="null"/> for traffic left unlabelled (a reseller's padding end users).</summary>
    public string? Label { get; init; }

    /// <summary>Gets how many of its subjects appear in the traffic.</summary>
    public required int Subjects { get; init; }

    /// <summary>Gets how many exchanges its subjects sent.</summary>
    public required long Exchanges { get; init; }
}
