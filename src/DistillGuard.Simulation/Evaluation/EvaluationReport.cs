namespace DistillGuard.Simulation.Evaluation;

/// <summary>How well a findings document matches the labels: recall, precision, false positives, campaigns and delay.</summary>
/// <remarks>
/// Produced by <see cref="Evaluator.Evaluate"/>; written as snake_case JSON by <see cref="EvaluationJson"/>. A subject
/// counts as flagged when its verdict is <c>suspicious</c> or <c>distillation</c>.
/// </remarks>
public sealed record EvaluationReport
{
    /// <summary>The rule by which a labelled campaign counts as found.</summary>
    public const string CampaignFoundDefinition = "at least half of the labelled members of the campaign flagged suspicious or distillation";

    /// <summary>Gets how labels and findings matched.</summary>
    public required EvaluationCounts Counts { get; init; }

    /// <summary>Gets the attacker recall.</summary>
    public required RecallMetrics Recall { get; init; }

    /// <summary>Gets the precision of <c>distillation</c> verdicts.</summary>
    public required PrecisionMetrics Precision { get; init; }

    /// <summary>Gets the false-positive rates over all benign subjects.</summary>
    public required BenignRateMetrics Benign { get; init; }

    /// <summary>Gets the false-positive rates per benign population, by population name.</summary>
    public required IReadOnlyList<BenignRateMetrics> Populations { get; init; }

    /// <summary>Gets the rule by which a labelled campaign counts as <see cref="LabelledCampaignMetrics.Found"/>.</summary>
    /// <value><see cref="CampaignFoundDefinition"/>, written into the JSON so that a reader sees the definition.</value>
    public string FoundCampaignRule { get; init; } = CampaignFoundDefinition;

    /// <summary>Gets each labelled campaign's detection, by campaign name.</summary>
    public required IReadOnlyList<LabelledCampaignMetrics> LabelledCampaigns { get; init; }

    /// <summary>Gets each findings campaign's purity, by campaign id.</summary>
    public required IReadOnlyList<FindingsCampaignMetrics> FindingsCampaigns { get; init; }

    /// <summary>Gets how late flagged attackers were flagged.</summary>
    public required DetectionDelayMetrics DetectionDelay { get; init; }

    /// <summary>Lists each bar the report misses; empty when it meets them all.</summary>
    /// <param name="thresholds">The bars.</param>
    /// <returns>The misses: recall first, then the overall benign rate, each population's, and precision.</returns>
    public IReadOnlyList<EvaluationMiss> Check(EvaluationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var misses = new List<EvaluationMiss>();
        if (Recall.Recall is { } recall && recall < thresholds.MinRecall)
        {
            misses.Add(new EvaluationMiss { Metric = EvaluationMetric.AttackerRecall, Actual = recall, Bar = thresholds.MinRecall });
        }

        foreach (var rates in Populations.Prepend(Benign))
        {
            if (rates.DistillationRate is { } rate && rate > thresholds.MaxFpr)
            {
                misses.Add(new EvaluationMiss
                {
                    Metric = EvaluationMetric.BenignDistillationRate,
                    Population = rates.Population,
                    Actual = rate,
                    Bar = thresholds.MaxFpr,
                });
            }
        }

        if (thresholds.MinPrecision is { } minPrecision && Precision.Precision is { } precision && precision < minPrecision)
        {
            misses.Add(new EvaluationMiss { Metric = EvaluationMetric.DistillationPrecision, Actual = precision, Bar = minPrecision });
        }

        return misses;
    }
}
