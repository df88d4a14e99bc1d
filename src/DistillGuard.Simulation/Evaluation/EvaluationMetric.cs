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
}
