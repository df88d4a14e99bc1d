namespace DistillGuard.Simulation.Evaluation;

/// <summary>What one found campaign holds, by the labels of its members.</summary>
public sealed record FindingsCampaignMetrics
{
    /// <summary>Gets the found campaign's id: the findings' campaign id, or the account's id for <see cref="FoundCampaignKind.Account"/>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets what detection reported.</summary>
    public FoundCampaignKind Kind { get; init; }

    /// <summary>Gets the findings' subjects in the found campaign: those whose <c>campaign_id</c> it is, and the end users behind them.</summary>
    public required int Members { get; init; }

    /// <summary>Gets the members that have a label.</summary>
    public required int LabelledMembers { get; init; }

    /// <summary>Gets the members labelled <c>benign</c>.</summary>
    public required int BenignMembers { get; init; }

    /// <summary>Gets the labelled campaign with the most members here, or <see langword="null"/> when no member is a labelled campaign's attacker.</summary>
    public string? DominantLabelledCampaign { get; init; }

    /// <summary>Gets the members from <see cref="DominantLabelledCampaign"/>.</summary>
    public int DominantMembers { get; init; }

    /// <summary>
    /// Gets the purity: <see cref="DominantMembers"/> / <see cref="LabelledMembers"/>, or <see langword="null"/> without
    /// labelled members. Benign members and members of other labelled campaigns count against it; unlabelled members
    /// count in neither part. A found campaign that merges two labelled operations of equal size has purity 0.5.
    /// </summary>
    public required double? Purity { get; init; }
}
