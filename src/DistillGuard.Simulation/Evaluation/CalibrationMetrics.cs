namespace DistillGuard.Simulation.Evaluation;

/// <summary>How well scores match the observed share of attackers: scores in bands against the labels.</summary>
/// <remarks>
/// Over the labelled subjects that have a finding. A calibrated score of 0.7 means seven in ten such subjects distil;
/// the table shows where the scores claim more or less than the labels say. The expected calibration error follows
/// Naeini, Cooper and Hauskrecht, "Obtaining Well Calibrated Probabilities Using Bayesian Binning" (AAAI 2015): the
/// subject-weighted mean of |mean score − attacker share| over the bands. The Brier score is the mean squared
/// difference between score and label (1 for <c>distillation</c>, 0 for <c>benign</c>).
/// </remarks>
public sealed record CalibrationMetrics
{
    /// <summary>Gets the labelled subjects with a finding.</summary>
    public required int Subjects { get; init; }

    /// <summary>Gets the bands, from the lowest score up.</summary>
    public required IReadOnlyList<CalibrationBand> Bands { get; init; }

    /// <summary>Gets the expected calibration error over the bands, or <see langword="null"/> without subjects.</summary>
    public required double? ExpectedCalibrationError { get; init; }

    /// <summary>Gets the Brier score, or <see langword="null"/> without subjects.</summary>
    public required double? BrierScore { get; init; }
}
