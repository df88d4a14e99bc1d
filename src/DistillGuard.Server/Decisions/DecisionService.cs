using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Overrides;
using DistillGuard.Server.Policies;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Decisions;

/// <summary>
/// Decides what to do with a request from a subject. The account's level (its override, or what the policy asks for
/// it) binds every end user of the account; an end user judged apart can only be held stricter than its account (the
/// stricter of the two wins), except that an override on the end user itself replaces both (an allow-listed evaluation
/// vendor behind a router). <c>throttle</c> spends one token of the bucket of whichever level asked for it (the
/// account's, shared by all its end users, and the end user's own): while tokens remain the request is served
/// degraded; without one it is refused with a retry delay.
/// </summary>
/// <remarks>
/// Runs on the request path without locks or I/O: the subject's standing is its published immutable judgment, the
/// overrides from an immutable snapshot, enforcement state from a bounded table (<see cref="EnforcementTable"/>), and
/// an enforcement change is queued for the audit log. An end user with no standing of its own (one the engine has not
/// judged, or judged no stricter than its account) gets no state and no audit entry of its own, so inventing end-user
/// ids neither escapes the account's throttle nor grows memory or the audit log.
/// </remarks>
internal sealed class DecisionService(
    EngineHost host,
    PolicyEvaluator policy,
    RequestRewriter rewriter,
    OverrideBook overrides,
    AuditTrail audit,
    DistillGuardMetrics metrics,
    TimeProvider time,
    IOptions<PolicyOptions> options,
    DetectionOptions detection)
{
    private static readonly IReadOnlyDictionary<string, double> NoSignals = FrozenDictionary<string, double>.Empty;
    private readonly EnforcementTable _table = new(time, options.Value.Throttle);

    /// <summary>Gets how many subjects have enforcement state (token buckets, audited levels) now.</summary>
    internal int TrackedSubjects => _table.Count;

    /// <summary>Decides for one request.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="endUserId">The end user behind it, or null.</param>
    /// <param name="request">The request the provider is about to serve (rewritten in place for <c>degrade</c>), or null.</param>
    /// <param name="keptKeys">The request's other top-level keys, when <paramref name="request"/> holds only its small top-level values (the gateway's).</param>
    public Decision Decide(string accountId, string? endUserId, JsonObject? request, IReadOnlySet<string>? keptKeys = null) =>
        Decide(accountId, endUserId, request, keptKeys, spend: true);

    /// <summary>
    /// Answers the level the policy or an override sets for a subject now, without spending a throttle token or
    /// auditing (for <c>GET /v1/subjects</c>).
    /// </summary>
    public Decision Peek(string accountId, string? endUserId) => Decide(accountId, endUserId, null, null, spend: false);

    private Decision Decide(string accountId, string? endUserId, JsonObject? request, IReadOnlySet<string>? keptKeys, bool spend)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var started = time.GetTimestamp();
        var reasons = new List<string>(2);
        var account = new SubjectKey(accountId, null);
        SubjectKey? endUser = string.IsNullOrEmpty(endUserId) ? null : new SubjectKey(accountId, endUserId);

        // The account's level binds all its end users; the end user's own level counts only where it is stricter.
        var accountLevel = EnforcementAction.Allow;
        var ownLevel = EnforcementAction.Allow;
        var ownOverride = false;
        if (endUser is { } user && overrides.FindOwn(user.AccountId, user.EndUserId!) is { } own)
        {
            ownOverride = true;
            ownLevel = own.Action;
            reasons.Add(Describe(own));
        }
        else
        {
            if (overrides.FindOwn(accountId, null) is { } forced)
            {
                accountLevel = forced.Action;
                reasons.Add(Describe(forced));
            }
            else
            {
                accountLevel = Judge(account, reasons);
            }

            if (endUser is { } judged)
            {
                ownLevel = Judge(judged, reasons);
            }
        }

        var level = ownOverride || ownLevel > accountLevel ? ownLevel : accountLevel;
        var action = level;
        long? retryAfter = null;
        if (level == EnforcementAction.Throttle && spend)
        {
            var refused = TimeSpan.Zero;
            var left = int.MaxValue;
            var granted = true;
            if (!ownOverride && accountLevel == EnforcementAction.Throttle)
            {
                granted &= Spend(account, ref refused, ref left);
            }

            if (endUser is { } throttled && ownLevel == EnforcementAction.Throttle)
            {
                granted &= Spend(throttled, ref refused, ref left);
            }

            if (granted)
            {
                action = EnforcementAction.Degrade;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"throttled: within budget ({left} requests left)"));
            }
            else
            {
                retryAfter = Math.Max(1, (long)Math.Ceiling(refused.TotalMilliseconds));
                reasons.Add("throttled: request budget spent");
            }
        }

        JsonObject? rewrite = null;
        if (action == EnforcementAction.Degrade && request is not null)
        {
            var changes = rewriter.Degrade(request, keptKeys);
            if (changes.Count > 0)
            {
                reasons.Add("degraded: " + string.Join(", ", changes));
                rewrite = request;
            }
        }

        if (spend)
        {
            if (!ownOverride)
            {
                NoteChange(account, accountLevel, reasons);
            }

            if (endUser is { } tracked && (ownOverride || ownLevel > accountLevel || _table.Find(tracked) is not null))
            {
                NoteChange(tracked, level, reasons);
            }

            metrics.Decided(action, time.GetElapsedTime(started).TotalMilliseconds);
        }

        return new Decision(action, reasons, retryAfter, rewrite);
    }

    private static string Describe(OverrideRecord forced) =>
        string.Create(CultureInfo.InvariantCulture, $"override {forced.Id} by {forced.CreatedBy} until {forced.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}: {forced.Reason}");

    private bool Spend(SubjectKey key, ref TimeSpan retryAfter, ref int left)
    {
        var granted = _table.TryAcquire(_table.GetOrAdd(key), out var wait, out var remaining);
        left = Math.Min(left, remaining);
        if (!granted && wait > retryAfter)
        {
            retryAfter = wait;
        }

        return granted;
    }

    private EnforcementAction Judge(SubjectKey key, List<string> reasons)
    {
        if (host.GetJudgment(key) is not { } judgment)
        {
            return EnforcementAction.Allow;
        }

        if (detection.AllowListedAccounts.Contains(key.AccountId))
        {
            // A licensed customer: an analyst decides, through an override; no rule acts on it, not even at suspicious.
            if (judgment.Verdict >= Verdict.Suspicious)
            {
                reasons.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"account {key.AccountId} is allow-listed by the provider: {(key.EndUserId is null ? "it" : $"end user {key}")} is {judgment.Verdict.ToString().ToLowerInvariant()} (score {judgment.Score:0.00}), for an analyst to decide; no policy applies"));
            }

            return EnforcementAction.Allow;
        }

        var standing = new SubjectStanding(key, judgment.Verdict, judgment.Score, judgment.CampaignId, judgment.Signals ?? NoSignals);
        return policy.Evaluate(standing, reasons);
    }

    /// <summary>
    /// Audits a change of the level the policy or an override set (not each throttle token's outcome): once per
    /// account, and once per end user only for an end user with a level of its own.
    /// </summary>
    private void NoteChange(SubjectKey subject, EnforcementAction level, List<string> reasons)
    {
        var entry = _table.Find(subject);
        var previous = entry?.Level ?? EnforcementAction.Allow;
        if (previous == level)
        {
            return;
        }

        (entry ?? _table.GetOrAdd(subject)).Level = level;
        audit.Enqueue("system", "enforcement.changed", "subject:" + subject, new Dictionary<string, string?>
        {
            ["from"] = ActionNames.Of(previous),
            ["to"] = ActionNames.Of(level),
            ["reason"] = reasons.Count > 0 ? reasons[0] : null,
        });
    }
}
