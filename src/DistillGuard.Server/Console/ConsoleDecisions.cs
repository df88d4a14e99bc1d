using System.Globalization;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Overrides;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>
/// Carries out the console's state changes through the services the API uses: a decision is an override in the
/// <see cref="OverrideBook"/> (which <see cref="Decisions.DecisionService"/> applies from the next request) and an
/// <c>override.created</c> entry in the audit log, with the analyst's key name, reason code and note; claims and
/// outcome labels are kept in the <see cref="CaseBook"/> and audited too.
/// </summary>
internal sealed class ConsoleDecisions(OverrideBook overrides, AuditTrail audit, CaseBook cases, EngineHost host, TimeProvider time)
{
    /// <summary>Starts the reason of every override the console creates.</summary>
    public const string ReasonPrefix = "[console] ";

    /// <summary>Claims a case for an analyst, audited as <c>case.claimed</c>.</summary>
    public async Task<CaseBook.ClaimOutcome> ClaimAsync(SubjectKey key, string analyst, CancellationToken cancellationToken)
    {
        var outcome = await cases.ClaimAsync(key, analyst, cancellationToken).ConfigureAwait(false);
        if (outcome == CaseBook.ClaimOutcome.Claimed)
        {
            await audit.WriteAsync(analyst, "case.claimed", Target(key), new Dictionary<string, string?>(), CancellationToken.None).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>Makes the overrides a decision asks for and records it on each subject's case.</summary>
    /// <returns>The overrides created; none (and nothing changed) when a campaign decision names subjects in no campaign.</returns>
    public async Task<IReadOnlyList<OverrideRecord>> DecideAsync(DecisionRequest request, string analyst, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var targets = await TargetsAsync(request, cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            // A campaign decision on subjects in no campaign: nothing to do, and nothing recorded.
            return [];
        }

        var reason = ReasonPrefix + ConsoleNames.Of(request.Reason) + (string.IsNullOrWhiteSpace(request.Note) ? string.Empty : ": " + request.Note.Trim());
        var created = new List<OverrideRecord>(targets.Count);
        foreach (var target in targets)
        {
            var stored = await overrides.AddAsync(
                new OverrideRecord
                {
                    AccountId = target.AccountId, EndUserId = target.EndUserId, Action = request.Action, Reason = reason,
                    CreatedBy = analyst, CreatedAt = now, ExpiresAt = now + request.Lifetime,
                },
                CancellationToken.None).ConfigureAwait(false);
            created.Add(stored);
            await audit.WriteAsync(analyst, "override.created", Target(target), new Dictionary<string, string?>
            {
                ["id"] = stored.Id.ToString(CultureInfo.InvariantCulture),
                ["action"] = ActionNames.Of(stored.Action),
                ["reason"] = stored.Reason,
                ["expires_at"] = stored.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                ["source"] = "console",
                ["scope"] = ConsoleNames.Of(request.Scope),
                ["reason_code"] = ConsoleNames.Of(request.Reason),
                ["note"] = request.Note,
            }, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var subject in request.Subjects)
        {
            var own = created.FirstOrDefault(o => o.AccountId == subject.AccountId && o.EndUserId == subject.EndUserId)
                ?? created.FirstOrDefault(o => o.AccountId == subject.AccountId && o.EndUserId is null);
            await cases.DecideAsync(subject, analyst, own?.Id, request.Label, request.Note, CancellationToken.None).ConfigureAwait(false);
            await audit.WriteAsync(analyst, "case.decided", Target(subject), new Dictionary<string, string?>
            {
                ["override_id"] = own?.Id.ToString(CultureInfo.InvariantCulture),
                ["action"] = ActionNames.Of(request.Action),
                ["reason_code"] = ConsoleNames.Of(request.Reason),
                ["label"] = request.Label is { } label ? ConsoleNames.Of(label) : null,
                ["note"] = request.Note,
            }, CancellationToken.None).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>Gets the audit target of a subject, as the API writes it.</summary>
    public static string Target(SubjectKey key) =>
        key.EndUserId is null ? "account:" + key.AccountId : $"end_user:{key.AccountId}/{key.EndUserId}";

    private async Task<IReadOnlyList<SubjectKey>> TargetsAsync(DecisionRequest request, CancellationToken cancellationToken)
    {
        var targets = new List<SubjectKey>();
        var seen = new HashSet<SubjectKey>();
        if (request.Scope == DecisionScope.Campaign)
        {
            var wanted = request.Subjects.Select(s => host.GetJudgment(s)?.CampaignId ?? host.GetJudgment(new SubjectKey(s.AccountId, null))?.CampaignId)
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            var campaigns = await host.ReadAsync(engine => engine.GetCampaigns(), cancellationToken).ConfigureAwait(false);
            foreach (var member in campaigns.Where(c => wanted.Contains(c.Id)).SelectMany(c => c.Subjects))
            {
                if (seen.Add(member))
                {
                    targets.Add(member);
                }
            }

            return targets;
        }

        foreach (var subject in request.Subjects)
        {
            var target = request.Scope == DecisionScope.Account ? subject with { EndUserId = null } : subject;
            if (seen.Add(target))
            {
                targets.Add(target);
            }
        }

        return targets;
    }
}
