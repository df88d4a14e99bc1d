namespace DistillGuard.Core.Scoring;

/// <summary>How signals combine into a score and a verdict.</summary>
public sealed class ScoringOptions
{
    /// <summary>Gets or sets the log-odds of a subject with no evidence at all.</summary>
    /// <value>Defaults to -4.5 (a score of about 0.011).</value>
    public double Bias { get; set; } = -4.5;

    /// <summary>Gets or sets the score from which a subject is <c>suspicious</c>.</summary>
    /// <value>Defaults to 0.5.</value>
    public double SuspiciousThreshold { get; set; } = 0.5;

    /// <summary>Gets or sets the score from which a subject is <c>distillation</c>.</summary>
    /// <value>Defaults to 0.85.</value>
    public double DistillationThreshold { get; set; } = 0.85;

    /// <summary>Gets or sets how much a signal of pooled traffic counts on a multi-tenant account.</summary>
    /// <value>
    /// Defaults to 0.3: a few heavy users of a router who coerce can make up much of its traffic; they are judged apart,
    /// and the router answers mainly for the share of its users who are flagged.
    /// </value>
    public double MultiTenantWeight { get; set; } = 0.3;

    /// <summary>Throws when the options are inconsistent.</summary>
    public void Validate()
    {
        if (SuspiciousThreshold is <= 0 or >= 1 || DistillationThreshold is <= 0 or >= 1 || DistillationThreshold < SuspiciousThreshold)
        {
            throw new ArgumentException("thresholds must satisfy 0 < suspicious <= distillation < 1");
        }

        if (MultiTenantWeight is < 0 or > 1)
        {
            throw new ArgumentException("the multi-tenant weight must be in [0, 1]");
        }
    }
}
