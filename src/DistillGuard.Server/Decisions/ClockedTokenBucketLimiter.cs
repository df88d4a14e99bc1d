using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace DistillGuard.Server.Decisions;

/// <summary>
/// A token bucket (<see cref="ReplenishingRateLimiter"/> with no automatic replenishment and no queue) whose tokens
/// come from the injected <see cref="TimeProvider"/>: one token per <see cref="ReplenishmentPeriod"/>, at most
/// <c>tokenLimit</c> held. <see cref="TryReplenish"/> adds the tokens of the whole periods elapsed since the last
/// replenishment; <see cref="RateLimiter.AttemptAcquire"/> calls it first, so no timer is needed.
/// </summary>
/// <remarks>
/// <see cref="TokenBucketRateLimiter"/> with <c>AutoReplenishment = false</c> is not enough here: its
/// <c>TryReplenish</c> adds tokens in proportion to the time elapsed on <c>Stopwatch</c> since the last call, so it
/// follows the real clock whatever the service's clock is, and a test's fake clock cannot drive it. This one keeps the
/// same contract (leases, <see cref="MetadataName.RetryAfter"/>, statistics) with the time taken from the provider.
/// The count and the replenishment mark change together under a small lock, held for a few instructions per call.
/// </remarks>
internal sealed class ClockedTokenBucketLimiter : ReplenishingRateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true, null);
    private readonly TimeProvider _time;
    private readonly int _tokenLimit;
    private readonly TimeSpan _period;
    private readonly long _periodTimestamp;
    private readonly Lock _lock = new();
    private int _tokens;
    private long _replenishedAt;
    private long _successful;
    private long _failed;

    public ClockedTokenBucketLimiter(TimeProvider time, int tokenLimit, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _time = time;
        _tokenLimit = tokenLimit;
        _period = period;
        _periodTimestamp = Math.Max(1, (long)(period.TotalSeconds * time.TimestampFrequency));
        _tokens = tokenLimit;
        _replenishedAt = time.GetTimestamp();
    }

    /// <inheritdoc/>
    public override bool IsAutoReplenishing => false;

    /// <inheritdoc/>
    public override TimeSpan ReplenishmentPeriod => _period;

    /// <inheritdoc/>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                // Full means idle: a full bucket is the same as a new one.
                return _tokens == _tokenLimit ? _time.GetElapsedTime(_replenishedAt) : null;
            }
        }
    }

    /// <inheritdoc/>
    public override bool TryReplenish()
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            var periods = (now - _replenishedAt) / _periodTimestamp;
            if (periods <= 0)
            {
                return false;
            }

            // A full bucket's clock moves on too: idle time does not bank tokens beyond the limit.
            _replenishedAt += periods * _periodTimestamp;
            _tokens = (int)Math.Min(_tokenLimit, _tokens + periods);
            return true;
        }
    }

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _tokens,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _tokenLimit);
        TryReplenish();
        lock (_lock)
        {
            if (_tokens >= permitCount)
            {
                _tokens -= permitCount;
                _successful++;
                return Granted;
            }

            _failed++;
            var missing = permitCount - _tokens;
            var waited = _time.GetTimestamp() - _replenishedAt;
            var wait = ((missing * _periodTimestamp) - waited) / (double)_time.TimestampFrequency;
            return new Lease(false, TimeSpan.FromSeconds(Math.Max(wait, 0)));
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<RateLimitLease>(cancellationToken)
            : ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        private static readonly string[] WithRetryAfter = [MetadataName.RetryAfter.Name];

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : WithRetryAfter;

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = after;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
