namespace DistillGuard.Simulation.Evaluation;

/// <summary>The bars an evaluation must meet; <see cref="EvaluationReport.Check"/> lists the ones it misses.</summary>
/// <remarks>A metric that is undefined for a run (no attackers, no benign subjects in a population, no <c>distillation</c> verdicts) misses no bar.</remarks>
public sealed record EvaluationThresholds
{
    /// <summary>Gets the lowest acceptable attacker recall (flagged <c>suspicious</c> or worse), in [0, 1].</summary>
    public required double MinRecall
    {
        get;
        init => field = EnsureFraction(value);
    }

    /// <summary>Gets the highest acceptable benign distillation rate, in [0, 1], applied overall and to every population.</summary>
    public required double MaxFpr
    {
        get;
        init => field = EnsureFraction(value);
    }

    /// <summary>Gets the lowest acceptable precision of <c>distillation</c> verdicts, in [0, 1], or <see langword="null"/> for no bar.</summary>
    public double? MinPrecision
    {
        get;
        init => field = value is { } bar ? EnsureFraction(bar) : null;
    }

    /// <summary>Gets the lowest acceptable mean purity of found campaigns (<see cref="GroupingMetrics.Purity"/>), in [0, 1], or <see langword="null"/> for no bar.</summary>
    public double? MinPurity
    {
        get;
        init => field = value is { } bar ? EnsureFraction(bar) : null;
    }

    /// <summary>Gets the lowest acceptable mean completeness of labelled campaigns (<see cref="GroupingMetrics.Completeness"/>), in [0, 1], or <see langword="null"/> for no bar.</summary>
    public double? MinCompleteness
    {
        get;
        init => field = value is { } bar ? EnsureFraction(bar) : null;
    }

    /// <summary>
    /// Gets the highest acceptable share of visible output tokens served before <c>distillation</c>
    /// (<see cref="HarvestMetrics.TokenShareBeforeDistillation"/>), in [0, 1], applied overall and to every labelled
    /// campaign, or <see langword="null"/> for no bar.
    /// </summary>
    public double? MaxHarvestShare
    {
        get;
        init => field = value is { } bar ? EnsureFraction(bar) : null;
    }

    private static double EnsureFraction(double value)
    {
        if (value is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A threshold is a fraction in [0, 1].");
        }

        return value;
    }
}
