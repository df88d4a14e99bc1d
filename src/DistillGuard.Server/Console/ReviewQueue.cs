using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Core.State;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Overrides;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>
/// Ranks subjects for the review queue: filters the engine's published judgments and keeps the best
/// <c>page × page size</c> in a bounded heap, then describes only the page's subjects under the engine's gate.
/// </summary>
/// <remarks>
/// The ranking pass reads each subject's immutable <see cref="SubjectJudgment"/> without the engine's gate (as a
/// decision does), so it never holds ingestion up: O(n log k) time and O(k) memory for n subjects and the k = page ×
/// page size best, not a sort of every subject. Only the rows shown (evidence, counts, first and last seen) take the
/// gate. A signal filter reads the signal values the engine published with the judgment; a subject whose values were
/// never published (no policy looks at signals) is described under the gate instead, one gate per page for all of them.
/// </remarks>
internal sealed class ReviewQueue(EngineHost host, DecisionService decisions, OverrideBook overrides, CaseBook cases, IOptions<ConsoleOptions> options)
{
    private const int ReasonsShown = 3;

    public int PageSize => options.Value.PageSize;

    /// <summary>Answers one page of the queue.</summary>
    public async Task<QueueResult> QueryAsync(QueueFilter filter, CancellationToken cancellationToken)
    {
        var pageSize = options.Value.PageSize;
        var keep = (int)Math.Min((long)filter.Page * pageSize, int.MaxValue);
        var order = Order(filter.Sort);

        // Worst kept at the root, so a better candidate replaces it.
        var heap = new PriorityQueue<(SubjectKey Key, SubjectJudgment Judgment), (SubjectKey Key, SubjectJudgment Judgment)>(
            Comparer<(SubjectKey, SubjectJudgment)>.Create((a, b) => order(b, a)));
        var withEndUsers = filter.HasEndUsers ? AccountsWithEndUsers() : null;
        var unpublished = new List<(SubjectKey, SubjectJudgment)>();
        long matched = 0;
        foreach (var candidate in host.Judgments())
        {
            if (!Matches(filter, candidate.Key, candidate.Judgment, withEndUsers))
            {
                continue;
            }

            if (filter.Signal is { } signal)
            {
                if (candidate.Judgment.Signals is not { } values)
                {
                    unpublished.Add(candidate);
                    continue;
                }

                if (!(values.TryGetValue(signal, out var value) && value > 0))
                {
                    continue;
                }
            }

            matched++;
            Offer(heap, candidate, keep, order);
        }

        if (unpublished.Count > 0)
        {
            var firing = await host.ReadAsync(
                engine => unpublished.Where(c => engine.DescribeSubject(c.Item1)?.Signals.Any(s => s.Name == filter.Signal && s.Value > 0) == true).ToList(),
                cancellationToken).ConfigureAwait(false);
            foreach (var candidate in firing)
            {
                matched++;
                Offer(heap, candidate, keep, order);
            }
        }

        var kept = new List<(SubjectKey Key, SubjectJudgment Judgment)>(heap.Count);
        while (heap.Count > 0)
        {
            kept.Add(heap.Dequeue());
        }

        kept.Reverse();
        var page = kept.Skip((filter.Page - 1) * pageSize).Take(pageSize).ToList();
        var rows = await DescribeAsync(page, cancellationToken).ConfigureAwait(false);
        return new QueueResult { Filter = filter, Rows = rows, Matched = matched, PageSize = pageSize };
    }

    /// <summary>Finds the best-ranked subject matching the filters whose case is open (nobody claimed it), or null.</summary>
    public SubjectKey? NextOpen(QueueFilter filter)
    {
        var order = Order(filter.Sort);
        var withEndUsers = filter.HasEndUsers ? AccountsWithEndUsers() : null;
        (SubjectKey Key, SubjectJudgment Judgment)? best = null;
        foreach (var candidate in host.Judgments())
        {
            if (cases.StatusOf(candidate.Key) != CaseStatus.Open || !Matches(filter, candidate.Key, candidate.Judgment, withEndUsers)
                || (filter.Signal is { } signal && !(candidate.Judgment.Signals?.TryGetValue(signal, out var v) == true && v > 0)))
            {
                continue;
            }

            if (best is null || order(candidate, best.Value) < 0)
            {
                best = candidate;
            }
        }

        return best?.Key;
    }

    /// <summary>Describes subjects as queue rows (under the engine's gate, once for all of them).</summary>
    public async Task<IReadOnlyList<QueueRow>> DescribeAsync(IReadOnlyList<(SubjectKey Key, SubjectJudgment Judgment)> subjects, CancellationToken cancellationToken)
    {
        var described = await host.ReadAsync(
            engine => subjects.Select(s => (s.Key, s.Judgment, Finding: engine.DescribeSubject(s.Key), State: engine.GetSubject(s.Key))).ToList(),
            cancellationToken).ConfigureAwait(false);
        return [.. described.Select(d =>
        {
            var decision = decisions.Peek(d.Key.AccountId, d.Key.EndUserId);
            var caseRecord = cases.Find(d.Key);
            return new QueueRow
            {
                Key = d.Key,
                Score = d.Finding?.Score ?? d.Judgment.Score,
                Verdict = d.Finding?.Verdict ?? d.Judgment.Verdict,
                CampaignId = d.Finding?.CampaignId ?? d.Judgment.CampaignId,
                Reasons = d.Finding is null ? [] : [.. d.Finding.Signals.Where(s => s.Contribution > 0).OrderByDescending(s => s.Contribution).Take(ReasonsShown)],
                Exchanges = d.Finding?.Exchanges ?? 0,
                OutputTokens = d.Finding?.Harvest?.OutputTokens,
                FirstSeen = d.State?.FirstSeen,
                LastSeen = d.State?.LastSeen,
                Action = decision.Action,
                ActionSource = SourceOf(d.Key, decision.Action, caseRecord),
                Status = caseRecord?.Status ?? CaseStatus.Open,
                ClaimedBy = caseRecord?.ClaimedBy,
            };
        })];
    }

    /// <summary>Says where a subject's current action comes from.</summary>
    public string SourceOf(SubjectKey key, EnforcementAction action, CaseRecord? caseRecord)
    {
        var forced = overrides.FindOwn(key.AccountId, key.EndUserId) ?? (key.EndUserId is null ? null : overrides.FindOwn(key.AccountId, null));
        if (forced is null)
        {
            return action == EnforcementAction.Allow ? "none" : "policy";
        }

        return forced.Reason.StartsWith(ConsoleDecisions.ReasonPrefix, StringComparison.Ordinal) || forced.Id == caseRecord?.OverrideId ? "analyst" : "override";
    }

    private bool Matches(QueueFilter filter, SubjectKey key, SubjectJudgment judgment, HashSet<string>? withEndUsers) =>
        (filter.Status is not { } status || cases.StatusOf(key) == status)
        && (filter.Verdict is not { } verdict || judgment.Verdict == verdict)
        && (filter.MinScore is not { } min || judgment.Score >= min)
        && (filter.MaxScore is not { } max || judgment.Score <= max)
        && (filter.Campaign is not { } campaign || string.Equals(judgment.CampaignId, campaign, StringComparison.Ordinal))
        && (withEndUsers is null || (key.EndUserId is null && withEndUsers.Contains(key.AccountId)));

    private static void Offer(
        PriorityQueue<(SubjectKey Key, SubjectJudgment Judgment), (SubjectKey Key, SubjectJudgment Judgment)> heap,
        (SubjectKey Key, SubjectJudgment Judgment) candidate,
        int keep,
        Func<(SubjectKey Key, SubjectJudgment Judgment), (SubjectKey Key, SubjectJudgment Judgment), int> order)
    {
        if (heap.Count < keep)
        {
            heap.Enqueue(candidate, candidate);
        }
        else if (order(candidate, heap.Peek()) < 0)
        {
            heap.DequeueEnqueue(candidate, candidate);
        }
    }

    private static Func<(SubjectKey Key, SubjectJudgment Judgment), (SubjectKey Key, SubjectJudgment Judgment), int> Order(QueueSort sort) => sort switch
    {
        QueueSort.ScoreAscending => (a, b) => a.Judgment.Score != b.Judgment.Score ? a.Judgment.Score.CompareTo(b.Judgment.Score) : CompareKeys(a.Key, b.Key),
        QueueSort.Subject => (a, b) => CompareKeys(a.Key, b.Key),
        _ => (a, b) => a.Judgment.Score != b.Judgment.Score ? b.Judgment.Score.CompareTo(a.Judgment.Score) : CompareKeys(a.Key, b.Key),
    };

    private static int CompareKeys(SubjectKey a, SubjectKey b)
    {
        var byAccount = string.CompareOrdinal(a.AccountId, b.AccountId);
        return byAccount != 0 ? byAccount : string.CompareOrdinal(a.EndUserId, b.EndUserId);
    }

    private HashSet<string> AccountsWithEndUsers()
    {
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in host.Judgments())
        {
            if (key.EndUserId is not null)
            {
                accounts.Add(key.AccountId);
            }
        }

        return accounts;
    }
}
