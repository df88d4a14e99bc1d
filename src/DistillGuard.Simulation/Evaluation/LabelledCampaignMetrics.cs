namespace DistillGuard.Simulation.Evaluation;

/// <summary>How detection saw one labelled campaign (<c>label.campaign</c>).</summary>
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

    /// <summary>Gets whether the campaign was found: at least half of its members flagged (<see cref="EvaluationReport.FoundCampaignRule"/>).</summary>
    public required bool Found { get; init; }

    /// <summary>Gets the findings campaign that holds the most flagged members, or <see langword="null"/> when none is in one.</summary>
    public string? DominantFindingsCampaign { get; init; }

    /// <summary>
    /// Gets the share of flagged members in <see cref="DominantFindingsCampaign"/> (flagged members in no findings
    /// campaign count against it), or <see langword="null"/> when no member was flagged.
    /// </summary>
    public required double? Grouping { get; init; }

    /// <summary>Gets how many findings campaigns the members (flagged or not) are spread over.</summary>
    public required int FindingsCampaigns { get; init; }
}
