using DistillGuard.Core.Policies;

namespace DistillGuard.Server.Decisions;

/// <summary>
/// The enforcement state of one subject (an account, or an end user that is judged apart from its account): the level
/// last audited and, once it is throttled, its token bucket.
/// </summary>
internal sealed class EnforcementEntry(long now)
{
    private ClockedTokenBucketLimiter? _bucket;
    private long _lastUsed = now;
    private int _level;

    /// <summary>Gets or sets the level the policy or an override last set (the one audited).</summary>
    public EnforcementAction Level
    {
        get => (EnforcementAction)Volatile.Read(ref _level);
        set => Volatile.Write(ref _level, (int)value);
    }

    /// <summary>Gets when (a <see cref="TimeProvider"/> timestamp) the entry was last used.</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

    /// <summary>Gets the bucket, made (full) on first use.</summary>
    public ClockedTokenBucketLimiter Bucket(Func<ClockedTokenBucketLimiter> create)
    {
        if (Volatile.Read(ref _bucket) is { } bucket)
        {
            return bucket;
        }

        var made = create();
        if (Interlocked.CompareExchange(ref _bucket, made, null) is { } raced)
        {
            made.Dispose();
            return raced;
        }

        return made;
    }
}
