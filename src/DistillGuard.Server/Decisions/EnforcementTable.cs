using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using DistillGuard.Core.Findings;
using DistillGuard.Server.Policies;

namespace DistillGuard.Server.Decisions;

/// <summary>
/// The enforcement state of the subjects that have any (a level other than <c>allow</c>, or a token bucket), bounded:
/// at most <see cref="ThrottleOptions.MaxTrackedSubjects"/> entries are kept; past that, entries idle long enough for
/// their bucket to be full again are dropped first (dropping them loses nothing), then the least recently used.
/// </summary>
/// <remarks>
/// <para>
/// The token buckets are <see cref="ClockedTokenBucketLimiter"/>s (not auto-replenishing), one token per
/// <c>Period / RequestsPerPeriod</c> of the injected <see cref="TimeProvider"/>, refilled on each acquisition, so no
/// timer runs per bucket and a test's fake clock drives refills exactly.
/// </para>
/// <para>
/// Trimming runs on the request that pushes the table past its cap, one trimmer at a time, and brings it down to 90%
/// of the cap, so its cost (a scan, and a sort when nothing is idle) is spread over a tenth of the cap's insertions.
/// </para>
/// </remarks>
internal sealed class EnforcementTable
{
    private readonly ConcurrentDictionary<SubjectKey, EnforcementEntry> _entries = new();
    private readonly TimeProvider _time;
    private readonly ThrottleOptions _throttle;
    private readonly long _idleTimestamp;
    private readonly Func<ClockedTokenBucketLimiter> _newBucket;
    private int _trimming;
    private int _count;

    public EnforcementTable(TimeProvider time, ThrottleOptions throttle)
    {
        _time = time;
        _throttle = throttle;
        var interval = throttle.Period / throttle.RequestsPerPeriod;
        _idleTimestamp = (long)(interval.TotalSeconds * throttle.Burst * time.TimestampFrequency);
        _newBucket = () => new ClockedTokenBucketLimiter(time, throttle.Burst, interval > TimeSpan.Zero ? interval : TimeSpan.FromTicks(1));
    }

    /// <summary>Gets how many subjects have enforcement state now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets a subject's entry if it has one.</summary>
    public EnforcementEntry? Find(SubjectKey key) => _entries.GetValueOrDefault(key);

    /// <summary>Gets a subject's entry, made if it has none (which may trim the table).</summary>
    public EnforcementEntry GetOrAdd(SubjectKey key)
    {
        var now = _time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Touch(now);
            return entry;
        }

        var made = new EnforcementEntry(now);
        if (!_entries.TryAdd(key, made))
        {
            return _entries.TryGetValue(key, out entry) ? entry : GetOrAdd(key);
        }

        // Counted apart: ConcurrentDictionary.Count takes every lock of the map.
        if (Interlocked.Increment(ref _count) > _throttle.MaxTrackedSubjects)
        {
            Trim(now);
        }

        return made;
    }

    /// <summary>Spends one token of the entry's bucket; without one, says when the next comes.</summary>
    public bool TryAcquire(EnforcementEntry entry, out TimeSpan retryAfter, out int left)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bucket = entry.Bucket(_newBucket);
        using var lease = bucket.AttemptAcquire(1);
        left = (int)(bucket.GetStatistics()?.CurrentAvailablePermits ?? 0);
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    private void Trim(long now)
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            var target = _throttle.MaxTrackedSubjects - (_throttle.MaxTrackedSubjects / 10);
            foreach (var (key, entry) in _entries)
            {
                if (now - entry.LastUsed >= _idleTimestamp)
                {
                    Remove(key);
                }
            }

            var excess = Count - target;
            if (excess > 0)
            {
                foreach (var (key, _) in _entries.ToArray().OrderBy(e => e.Value.LastUsed).Take(excess))
                {
                    Remove(key);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private void Remove(SubjectKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
