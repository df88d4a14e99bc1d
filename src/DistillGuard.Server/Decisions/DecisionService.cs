using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Overrides;
using DistillGuard.Server.Policies;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Decisions;

/// <summary>
/// Decides what to do with a request from a subject: an override if one is active, otherwise the most severe action
/// that the policy asks for the account and for the end user (a reseller's account answers for all its users; an
/// attacker among a router's users answers alone). <c>throttle</c> spends one token of the subject's bucket: while
/// tokens remain the request is served degraded; without one it is refused with a retry delay.
/// </summary>
/// <remarks>
/// Runs on the request path without locks or I/O: the subject's standing is read from the engine's live state, the
/// overrides from an immutable snapshot, and an enforcement change is queued for the audit log.
/// </remarks>
internal sealed class DecisionService(
    EngineHost host,
    PolicyEvaluator policy,
    SignalBoard signals,
    RequestRewriter rewriter,
    OverrideBook overrides,
    AuditTrail audit,
    DistillGuardMetrics metrics,
    IOptions<PolicyOptions> options)
{
    private readonly ThrottleOptions _throttle = options.Value.Throttle;
    private readonly ConcurrentDictionary<SubjectKey, TokenBucketRateLimiter> _buckets = new();
    private readonly ConcurrentDictionary<SubjectKey, EnforcementAction> _lastAction = new();

    /// <summary>Decides for one request.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="endUserId">The end user behind it, or null.</param>
    /// <param name="request">The request the provider is about to serve (rewritten in place for <c>degrade</c>), or null.</param>
    public Decision Decide(string accountId, string? endUserId, JsonObject? request) => Decide(accountId, endUserId, request, spend: true);

    /// <summary>
    /// Answers the level the policy or an override sets for a subject now, without spending a throttle token or
    /// auditing (for <c>GET /v1/subjects</c>).
    /// </summary>
    public Decision Peek(string accountId, string? endUserId) => Decide(accountId, endUserId, null, spend: false);

    private Decision Decide(string accountId, string? endUserId, JsonObject? request, bool spend)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var started = Stopwatch.GetTimestamp();
        var reasons = new List<string>(2);
        var subject = new SubjectKey(accountId, string.IsNullOrEmpty(endUserId) ? null : endUserId);
        EnforcementAction action;
        if (overrides.Find(subject.AccountId, subject.EndUserId) is { } forced)
        {
            action = forced.Action;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"override {forced.Id} by {forced.CreatedBy} until {forced.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}: {forced.Reason}"));
        }
        else
        {
            action = Judge(new SubjectKey(subject.AccountId, null), reasons);
            if (subject.EndUserId is not null)
            {
                var own = Judge(subject, reasons);
                action = own > action ? own : action;
            }
        }

        var level = action;
        long? retryAfter = null;
        if (action == EnforcementAction.Throttle && spend)
        {
            var bucket = _buckets.GetOrAdd(subject, _ => NewBucket());
            using var lease = bucket.AttemptAcquire(1);
            if (lease.IsAcquired)
            {
                action = EnforcementAction.Degrade;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"throttled: within budget ({bucket.GetStatistics()?.CurrentAvailablePermits ?? 0} requests left)"));
            }
            else
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _throttle.Period / _throttle.RequestsPerPeriod;
                retryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds));
                reasons.Add("throttled: request budget spent");
            }
        }

        JsonObject? rewrite = null;
        if (action == EnforcementAction.Degrade && request is not null)
        {
            var changes = rewriter.Degrade(request);
            if (changes.Count > 0)
            {
                reasons.Add("degraded: " + string.Join(", ", changes));
                rewrite = request;
            }
        }

        if (spend)
        {
            NoteChange(subject, level, reasons);
            metrics.Decided(action, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new Decision(action, reasons, retryAfter, rewrite);
    }

    private EnforcementAction Judge(SubjectKey key, List<string> reasons)
    {
        if (host.GetState(key) is not { } state)
        {
            return EnforcementAction.Allow;
        }

        var standing = new SubjectStanding(key, state.CurrentVerdict, state.CurrentScore, state.CurrentCampaignId, signals.Get(key));
        return policy.Evaluate(standing, reasons);
    }

    private TokenBucketRateLimiter NewBucket() => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = _throttle.Burst,
        TokensPerPeriod = _throttle.RequestsPerPeriod,
        ReplenishmentPeriod = _throttle.Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    /// <summary>Audits a change of the level the policy or an override set (not each throttle token's outcome).</summary>
    private void NoteChange(SubjectKey subject, EnforcementAction level, List<string> reasons)
    {
        var previous = _lastAction.GetValueOrDefault(subject, EnforcementAction.Allow);
        if (previous == level)
        {
            return;
        }

        _lastAction[subject] = level;
        audit.Enqueue("system", "enforcement.changed", "subject:" + subject, new Dictionary<string, string?>
        {
            ["from"] = ActionNames.Of(previous),
            ["to"] = ActionNames.Of(level),
            ["reason"] = reasons.Count > 0 ? reasons[0] : null,
        });
    }
}
