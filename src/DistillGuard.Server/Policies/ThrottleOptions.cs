namespace DistillGuard.Server.Policies;

/// <summary>
/// The token bucket that <c>throttle</c> applies (one token a request): the account's, shared by all its end users, when
/// the account is throttled; an end user's own when only that end user is.
/// </summary>
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

    /// <summary>
    /// Gets or sets how many subjects (accounts, and end users judged apart from their account) may have enforcement
    /// state (a token bucket, the level last audited) at once. Past it, the state idle long enough for its bucket to be
    /// full again is dropped, then the least recently used; allowed subjects without a bucket have none.
    /// </summary>
    /// <value>100,000 (a few hundred bytes each).</value>
    public int MaxTrackedSubjects { get; set; } = 100_000;
}
