namespace DistillGuard.Server.Policies;

/// <summary>The per-subject token bucket that <c>throttle</c> applies (one token a request).</summary>
public sealed class ThrottleOptions
{
    /// <summary>Gets or sets how many requests a throttled subject may make in a burst.</summary>
    /// <value>5.</value>
    public int Burst { get; set; } = 5;

    /// <summary>Gets or sets how many requests a throttled subject regains each <see cref="Period"/>.</summary>
    /// <value>10.</value>
    public int RequestsPerPeriod { get; set; } = 10;

    /// <summary>Gets or sets the refill period.</summary>
    /// <value>One minute.</value>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);
}
