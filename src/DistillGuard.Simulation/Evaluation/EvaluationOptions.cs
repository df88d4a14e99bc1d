namespace DistillGuard.Simulation.Evaluation;

/// <summary>The definitions <see cref="Evaluator"/> measures by: when a labelled campaign counts as found, and the calibration bands.</summary>
/// <remarks>These define what is measured; the bars a run must meet are <see cref="EvaluationThresholds"/>.</remarks>
public sealed class EvaluationOptions
{
    /// <summary>Gets or sets the purity a labelled campaign's best found campaign must have for the campaign to count as found.</summary>
    /// <value>Defaults to 0.95: at most one member in twenty from elsewhere (another operation, or benign).</value>
    public double FoundPurity { get; set; } = 0.95;

    /// <summary>Gets or sets the completeness a labelled campaign must have to count as found.</summary>
    /// <value>Defaults to 0.8: at least four in five of its members in its best found campaign.</value>
    public double FoundCompleteness { get; set; } = 0.8;

    /// <summary>Gets or sets the fewest members a labelled campaign must have for its completeness to be measured.</summary>
    /// <value>
    /// Defaults to 3. A campaign of one or two subjects has nothing to group: it counts as found when at least half of its
    /// members are flagged and no found campaign mixes them with others (its best found campaign, if any, has
    /// <see cref="FoundPurity"/>).
    /// </value>
    public int MinGroupedMembers { get; set; } = 3;

    /// <summary>Gets or sets the number of equal score bands of the calibration table.</summary>
    /// <value>Defaults to 10: [0, 0.1), [0.1, 0.2), ..., [0.9, 1].</value>
    public int CalibrationBands { get; set; } = 10;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside [0, 1], or a count is below 1.</exception>
    public void Validate()
    {
        if (FoundPurity is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FoundPurity), FoundPurity, "The purity of a found campaign is a fraction in [0, 1].");
        }

        if (FoundCompleteness is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FoundCompleteness), FoundCompleteness, "The completeness of a found campaign is a fraction in [0, 1].");
        }

        if (MinGroupedMembers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinGroupedMembers), MinGroupedMembers, "At least one member.");
        }

        if (CalibrationBands is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(CalibrationBands), CalibrationBands, "Between 1 and 1,000 bands.");
        }
    }
}
