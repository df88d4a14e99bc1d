namespace DistillGuard.Simulation.Evaluation;

/// <summary>What one campaign of the findings holds, by the labels of its members.</summary>
public sealed record FindingsCampaignMetrics
{
    /// <summary>Gets the findings campaign's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the findings' subjects whose <c>campaign_id</c> is this campaign.</summary>
    public required int Members { get; init; }

    /// <summary>Gets the members that have a label.</summary>
    public required int LabelledMembers { get; init; }

    /// <summary>Gets the members labelled <c>benign</c>.</summary>
    public required int BenignMembers { get; init; }

    /// <summary>Gets the labelled campaign with the most members here, or <see langword="null"/> when no member is a labelled campaign's attacker.</summary>
    public string? DominantLabelledCampaign { get; init; }

    /// <summary>
    /// Gets the share of <see cref="LabelledMembers"/> that are attackers of <see cref="DominantLabelledCampaign"/>, or
    /// <see langword="null"/> without labelled members. A campaign that swallows benign subjects or mixes labelled
    /// campaigns shows here.
    /// </summary>
    public required double? Purity { get; init; }
}
