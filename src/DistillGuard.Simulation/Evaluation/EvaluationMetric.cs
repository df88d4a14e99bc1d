namespace DistillGuard.Simulation.Evaluation;

/// <summary>A metric that <see cref="EvaluationThresholds"/> puts a bar on.</summary>
public enum EvaluationMetric
{
    /// <summary>The share of labelled attackers flagged <c>suspicious</c> or worse (<see cref="RecallMetrics.Recall"/>).</summary>
    AttackerRecall = 0,

    /// <summary>The share of benign subjects judged <c>distillation</c>, overall or in one population (<see cref="BenignRateMetrics.DistillationRate"/>).</summary>
    BenignDistillationRate = 1,

    /// <summary>The share of <c>distillation</c> verdicts on labelled subjects that are right (<see cref="PrecisionMetrics.Precision"/>).</summary>
    DistillationPrecision = 2,

    /// <summary>The mean purity of found campaigns (<see cref="GroupingMetrics.Purity"/>).</summary>
    CampaignPurity = 3,

    /// <summary>The mean completeness of labelled campaigns (<see cref="GroupingMetrics.Completeness"/>).</summary>
    CampaignCompleteness = 4,

    /// <summary>The share of visible output tokens served before <c>distillation</c>, overall or in one labelled campaign (<see cref="HarvestMetrics.TokenShareBeforeDistillation"/>).</summary>
    HarvestShare = 5,
}
