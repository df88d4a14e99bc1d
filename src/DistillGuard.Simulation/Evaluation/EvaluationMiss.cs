using System.Globalization;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>A bar of <see cref="EvaluationThresholds"/> that a report missed.</summary>
public sealed record EvaluationMiss
{
    /// <summary>Gets the metric.</summary>
    public required EvaluationMetric Metric { get; init; }

    /// <summary>Gets the population the miss is in, or <see langword="null"/> for the overall value.</summary>
    public string? Population { get; init; }

    /// <summary>Gets the labelled campaign the miss is in, or <see langword="null"/> for the overall value.</summary>
    public string? Campaign { get; init; }

    /// <summary>Gets the measured value.</summary>
    public required double Actual { get; init; }

    /// <summary>Gets the bar it missed: a minimum for recall, precision, purity and completeness, a maximum for the benign rate and the harvest share.</summary>
    public required double Bar { get; init; }

    /// <summary>Describes the miss for a person, for example <c>benign distillation rate in population eval-harness is 0.0310, above the maximum 0.0100</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var (name, side) = Metric switch
        {
            EvaluationMetric.AttackerRecall => ("attacker recall", "below the minimum"),
            EvaluationMetric.BenignDistillationRate => ("benign distillation rate", "above the maximum"),
            EvaluationMetric.DistillationPrecision => ("distillation precision", "below the minimum"),
            EvaluationMetric.CampaignPurity => ("campaign purity", "below the minimum"),
            EvaluationMetric.CampaignCompleteness => ("campaign completeness", "below the minimum"),
            EvaluationMetric.HarvestShare => ("share of output tokens served before distillation", "above the maximum"),
            _ => (Metric.ToString(), "outside the bar"),
        };
        var scope = Population is not null ? $" in population {Population}" : Campaign is not null ? $" in campaign {Campaign}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{name}{scope} is {Actual:0.0000}, {side} {Bar:0.0000}");
    }
}
