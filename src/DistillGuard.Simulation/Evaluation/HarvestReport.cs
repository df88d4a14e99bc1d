namespace DistillGuard.Simulation.Evaluation;

/// <summary>What the attackers harvested before detection, per labelled campaign and overall (<see cref="HarvestMetrics"/>).</summary>
public sealed record HarvestReport
{
    /// <summary>Gets every labelled attacker together, with or without a campaign.</summary>
    public required HarvestMetrics Overall { get; init; }

    /// <summary>Gets each labelled campaign, by name.</summary>
    public required IReadOnlyList<HarvestMetrics> Campaigns { get; init; }
}
