namespace DistillGuard.Simulation.Evaluation;

/// <summary>How detection saw one labelled campaign (<c>label.campaign</c>): caught, and grouped.</summary>
public sealed record LabelledCampaignMetrics
{
    /// <summary>Gets the labelled campaign's name.</summary>
    public required string Campaign { get; init; }

    /// <summary>Gets the subjects labelled <c>distillation</c> in the campaign.</summary>
    public required int Members { get; init; }

    /// <summary>Gets the members with verdict <c>suspicious</c> or <c>distillation</c>.</summary>
    public required int Flagged { get; init; }

    /// <summary>Gets <see cref="Flagged"/> / <see cref="Members"/>.</summary>
    public required double Recall { get; init; }

    /// <summary>Gets whether the campaign was found (<see cref="EvaluationReport.FoundCampaignRule"/>): grouped completely enough, and purely enough.</summary>
    public required bool Found { get; init; }

    /// <summary>
    /// Gets the best found campaign: the one that holds the most members (flagged or not; ties to the ordinally first id),
    /// or <see langword="null"/> when no member is in one.
    /// </summary>
    public string? DominantFindingsCampaign { get; init; }

    /// <summary>Gets the members in <see cref="DominantFindingsCampaign"/>.</summary>
    public int InDominantFindingsCampaign { get; init; }

    /// <summary>Gets the purity of <see cref="DominantFindingsCampaign"/> (<see cref="FindingsCampaignMetrics.Purity"/>), or <see langword="null"/> without one.</summary>
    public double? DominantFindingsCampaignPurity { get; init; }

    /// <summary>
    /// Gets the completeness: <see cref="InDominantFindingsCampaign"/> / <see cref="Members"/> (members in no found
    /// campaign, or missing from the findings, count against it), or <see langword="null"/> for a campaign smaller than
    /// <see cref="EvaluationOptions.MinGroupedMembers"/>. A campaign split evenly over two found campaigns has 0.5.
    /// </summary>
    public required double? Completeness { get; init; }

    /// <summary>Gets how many found campaigns the members (flagged or not) are spread over.</summary>
    public required int FindingsCampaigns { get; init; }
}
