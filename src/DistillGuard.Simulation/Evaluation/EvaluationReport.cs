namespace DistillGuard.Simulation.Evaluation;

/// <summary>How well a findings document matches the labels: recall, precision, false positives, campaign grouping, harvest before detection, calibration and delay.</summary>
/// <remarks>
/// Produced by <see cref="Evaluator.Evaluate"/>; written as snake_case JSON by <see cref="EvaluationJson"/>. A subject
/// counts as flagged when its verdict is <c>suspicious</c> or <c>distillation</c>.
/// </remarks>
public sealed record EvaluationReport
{
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

    /// <summary>
    /// Gets the rule by which a labelled campaign counts as <see cref="LabelledCampaignMetrics.Found"/>, with the
    /// thresholds of the <see cref="EvaluationOptions"/> it was measured by, written into the JSON so that a reader sees
    /// the definition.
    /// </summary>
    public required string FoundCampaignRule { get; init; }

    /// <summary>Gets how well subjects were grouped into campaigns, overall.</summary>
    public required GroupingMetrics Grouping { get; init; }

    /// <summary>Gets each labelled campaign's detection and completeness, by campaign name.</summary>
    public required IReadOnlyList<LabelledCampaignMetrics> LabelledCampaigns { get; init; }

    /// <summary>Gets each found campaign's purity: findings campaigns by id, then flagged accounts with end users by account.</summary>
    public required IReadOnlyList<FindingsCampaignMetrics> FindingsCampaigns { get; init; }

    /// <summary>
    /// Gets what attackers were served before they were flagged and stopped, or <see langword="null"/> when the findings
    /// do not carry the counts it needs (<see cref="Core.Findings.SubjectFinding.Harvest"/>): unavailable, not zero.
    /// </summary>
    public HarvestReport? Harvest { get; init; }

    /// <summary>Gets the calibration table: score bands against the observed share of attackers.</summary>
    public required CalibrationMetrics Calibration { get; init; }

    /// <summary>Gets how late flagged attackers were flagged.</summary>
    public required DetectionDelayMetrics DetectionDelay { get; init; }

    /// <summary>Lists each bar the report misses; empty when it meets them all.</summary>
    /// <param name="thresholds">The bars.</param>
    /// <returns>
    /// The misses: recall first, then the overall benign rate, each population's, precision, purity, completeness, and the
    /// harvest share overall and per labelled campaign. A bar on a metric the report does not have (no found campaign, no
    /// harvest counts) is not missed.
    /// </returns>
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

        if (thresholds.MinPurity is { } minPurity && Grouping.Purity is { } purity && purity < minPurity)
        {
            misses.Add(new EvaluationMiss { Metric = EvaluationMetric.CampaignPurity, Actual = purity, Bar = minPurity });
        }

        if (thresholds.MinCompleteness is { } minCompleteness && Grouping.Completeness is { } completeness && completeness < minCompleteness)
        {
            misses.Add(new EvaluationMiss { Metric = EvaluationMetric.CampaignCompleteness, Actual = completeness, Bar = minCompleteness });
        }

        if (thresholds.MaxHarvestShare is { } maxHarvest && Harvest is not null)
        {
            foreach (var harvest in Harvest.Campaigns.Prepend(Harvest.Overall))
            {
                if (harvest.TokenShareBeforeDistillation is { } share && share > maxHarvest)
                {
                    misses.Add(new EvaluationMiss { Metric = EvaluationMetric.HarvestShare, Campaign = harvest.Campaign, Actual = share, Bar = maxHarvest });
                }
            }
        }

        return misses;
    }
}
