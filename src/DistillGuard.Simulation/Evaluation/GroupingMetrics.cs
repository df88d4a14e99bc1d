namespace DistillGuard.Simulation.Evaluation;

/// <summary>How well detection grouped subjects into campaigns, over all found and labelled campaigns.</summary>
/// <remarks>
/// The headline figures are the means (<see cref="Purity"/>, <see cref="Completeness"/>): every campaign counts once, so a
/// small operation merged into another, or a small false campaign, weighs as much as a large one. The member-weighted
/// figures say how many subjects are grouped right.
/// </remarks>
public sealed record GroupingMetrics
{
    /// <summary>Gets the found campaigns (<see cref="EvaluationReport.FindingsCampaigns"/>) with at least one labelled member.</summary>
    public required int FoundCampaigns { get; init; }

    /// <summary>Gets the mean purity of the found campaigns with labelled members (the headline), or <see langword="null"/> without any.</summary>
    public required double? Purity { get; init; }

    /// <summary>Gets the purity weighted by labelled members: all dominant members over all labelled members of found campaigns.</summary>
    public required double? PurityWeighted { get; init; }

    /// <summary>Gets the labelled campaigns large enough for completeness (<see cref="EvaluationOptions.MinGroupedMembers"/>).</summary>
    public required int GroupedCampaigns { get; init; }

    /// <summary>Gets the mean completeness of those labelled campaigns (the headline), or <see langword="null"/> without any.</summary>
    public required double? Completeness { get; init; }

    /// <summary>Gets the completeness weighted by members: all members in their best found campaign over all members.</summary>
    public required double? CompletenessWeighted { get; init; }

    /// <summary>Gets the labelled campaigns.</summary>
    public required int LabelledCampaigns { get; init; }

    /// <summary>Gets the labelled campaigns found (<see cref="LabelledCampaignMetrics.Found"/>).</summary>
    public required int CampaignsFound { get; init; }
}
