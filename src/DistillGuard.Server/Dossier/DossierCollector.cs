using System.Globalization;
using System.Reflection;
using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Overrides;
using DistillGuard.Server.Policies;
using DistillGuard.Server.Sharing;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Dossier;

/// <summary>
/// Gathers a campaign's <see cref="DossierDocument"/>: the campaign and its members from the engine (one read of its
/// state), each member's decision and override, its exchanges per hour from the journal, the audit entries about the
/// campaign and its members (and the STIX ids it was published as), and the method from the options in force.
/// </summary>
/// <remarks>
/// The journal and the audit log are read from the start, once per dossier: a dossier is a report, asked for rarely,
/// and neither store keeps an index by account. Everything is ordered by ordinal keys and written in UTC, so the same
/// state gives the same document, and the same content hash.
/// </remarks>
internal sealed class DossierCollector(
    EngineHost engine,
    IServiceStore store,
    DecisionService decisions,
    OverrideBook overrides,
    DetectionOptions detection,
    IOptions<EngineHostOptions> engineOptions,
    IOptions<PolicyOptions> policyOptions,
    IOptions<SharingOptions> sharingOptions,
    IOptions<DossierOptions> dossierOptions)
{
    /// <summary>The widest timeline drawn, in buckets; a longer span makes the buckets wider.</summary>
    internal const int MaxBuckets = 240;

    private const int AuditPage = 1000;
    private const string PublishedAction = "share.object.published";

    private readonly DossierOptions _options = dossierOptions.Value;

    /// <summary>Gathers the dossier of a campaign, or returns null when there is no such campaign.</summary>
    public async Task<DossierDocument?> CollectAsync(string campaignId, CancellationToken cancellationToken)
    {
        var found = await engine.ReadAsync(
            e => e.GetCampaigns().FirstOrDefault(c => c.Id == campaignId) is { } campaign
                ? (Campaign: campaign,
                    Members: campaign.Subjects.Select(k => (Key: k, Finding: e.DescribeSubject(k))).ToList(),
                    Ties: e.DescribeCampaignTies(campaign.Id, int.MaxValue))
                : default,
            cancellationToken).ConfigureAwait(false);
        if (found.Campaign is not { } campaign)
        {
            return null;
        }

        var linkIndex = new Dictionary<(string, string), int>();
        for (var i = 0; i < campaign.Links.Count; i++)
        {
            linkIndex.TryAdd((campaign.Links[i].Kind, campaign.Links[i].Value), i);
        }

        // The values that tie each member account to others of the campaign: the edges of its graph, as the console's.
        var tiesByAccount = found.Ties
            .SelectMany(t => t.Accounts.Select(a => (Account: a, Link: (t.Kind, t.Value))))
            .ToLookup(x => x.Account, x => x.Link, StringComparer.Ordinal);
        var members = found.Members.Select(m => Member(m.Key, m.Finding, tiesByAccount[m.Key.AccountId], linkIndex)).ToList();
        var storesText = engineOptions.Value.StorePromptText;
        var quotes = found.Members
            .Where(m => m.Finding is not null)
            .SelectMany(m => m.Finding!.Signals
                .Where(s => s.Value > 0 && !string.IsNullOrWhiteSpace(s.Evidence))
                .OrderByDescending(s => s.Contribution).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Take(3)
                .Select(s => (Subject: m.Key, Signal: s)))
            .ToList();

        var journal = await ReadJournalAsync(found.Members.Select(m => m.Key).ToList(), storesText ? quotes : [], cancellationToken).ConfigureAwait(false);
        var (audit, matched, stix) = await ReadAuditAsync(campaignId, members.Select(m => m.Subject).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var scoring = detection.Scoring;
        return new DossierDocument
        {
            CampaignId = campaign.Id,
            Tlp = sharingOptions.Value.Policy.DefaultTlp,
            Score = campaign.Score,
            Verdict = campaign.Score >= scoring.DistillationThreshold ? Verdict.Distillation
                : campaign.Score >= scoring.SuspiciousThreshold ? Verdict.Suspicious : Verdict.Benign,
            Summary = DossierRedactor.Redact(campaign.Summary),
            Links = campaign.Links,
            Members = members,
            Timeline = Timeline(members, journal.Hours, audit),
            PromptTextStored = storesText,
            Quotes = [.. quotes.Select(q =>
            {
                journal.Provenance.TryGetValue((q.Subject.AccountId, q.Signal.Name), out var source);
                return new DossierQuote
                {
                    Subject = q.Subject.ToString(),
                    Signal = q.Signal.Name,
                    Value = q.Signal.Value,
                    Evidence = DossierRedactor.Redact(q.Signal.Evidence),
                    ExchangeId = source?.ExchangeId,
                    ExchangeAt = source?.Timestamp.ToUniversalTime(),
                };
            })],
            Audit = audit,
            AuditMatched = matched,
            Method = Method(scoring),
            Stix = stix,
        };
    }

    private DossierMember Member(SubjectKey key, SubjectFinding? finding, IEnumerable<(string Kind, string Value)> ties, Dictionary<(string, string), int> linkIndex)
    {
        var decision = decisions.Peek(key.AccountId, key.EndUserId);
        var own = overrides.FindOwn(key.AccountId, key.EndUserId);
        return new DossierMember
        {
            Subject = key.ToString(),
            Verdict = finding?.Verdict ?? Verdict.Benign,
            Score = finding?.Score ?? 0,
            Exchanges = finding?.Exchanges ?? 0,
            OutputTokens = finding?.Harvest?.OutputTokens,
            FirstFlaggedAt = finding?.FirstFlaggedAt?.ToUniversalTime(),
            FirstDistillationAt = finding?.Harvest?.FirstDistillationAt?.ToUniversalTime(),
            Action = ActionNames.Of(decision.Action),
            Reasons = [.. decision.Reasons.Select(DossierRedactor.Redact)],
            Override = own is null ? null : new DossierOverride
            {
                Action = ActionNames.Of(own.Action),
                Reason = DossierRedactor.Redact(own.Reason),
                CreatedBy = own.CreatedBy,
                CreatedAt = own.CreatedAt.ToUniversalTime(),
                ExpiresAt = own.ExpiresAt.ToUniversalTime(),
            },
            TopSignals = [.. (finding?.Signals ?? [])
                .Where(s => s.Value > 0)
                .OrderByDescending(s => s.Contribution).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Take(3)
                .Select(s => s with { Evidence = DossierRedactor.Redact(s.Evidence) })],
            Links = [.. ties.Select(t => linkIndex.TryGetValue(t, out var i) ? i : -1).Where(i => i >= 0).Distinct().Order()],
        };
    }

    private async Task<JournalScan> ReadJournalAsync(
        IReadOnlyList<SubjectKey> members,
        IReadOnlyList<(SubjectKey Subject, SignalResult Signal)> quotes,
        CancellationToken cancellationToken)
    {
        var byAccount = members.Select(m => m.AccountId).ToHashSet(StringComparer.Ordinal);
        var hours = new Dictionary<string, SortedDictionary<long, long>>(StringComparer.Ordinal);
        var wanted = new Dictionary<string, List<(string Signal, string Quote)>>(StringComparer.Ordinal);
        foreach (var (subject, signal) in quotes)
        {
            if (DossierRedactor.QuotedText(signal.Evidence) is { } quote)
            {
                (wanted.TryGetValue(subject.AccountId, out var list) ? list : wanted[subject.AccountId] = []).Add((signal.Name, quote));
            }
        }

        var provenance = new Dictionary<(string, string), JournalEntry>();
        await foreach (var entry in store.ReadExchangesAsync(0, cancellationToken).ConfigureAwait(false))
        {
            if (!byAccount.Contains(entry.AccountId))
            {
                continue;
            }

            var hour = entry.Timestamp.ToUnixTimeSeconds() / 3600;
            var counts = hours.TryGetValue(entry.AccountId, out var c) ? c : hours[entry.AccountId] = [];
            counts[hour] = counts.GetValueOrDefault(hour) + 1;
            if (entry.PromptText is { } prompt && wanted.TryGetValue(entry.AccountId, out var looked))
            {
                var text = DossierRedactor.Normalize(prompt);
                foreach (var (signal, quote) in looked)
                {
                    if (!provenance.ContainsKey((entry.AccountId, signal)) && text.Contains(quote, StringComparison.Ordinal))
                    {
                        provenance[(entry.AccountId, signal)] = entry;
                    }
                }
            }
        }

        return new JournalScan(hours, provenance);
    }

    private async Task<(List<DossierAuditEntry> Entries, int Matched, List<DossierStixEntry> Stix)> ReadAuditAsync(
        string campaignId, HashSet<string> subjects, CancellationToken cancellationToken)
    {
        var kept = new Queue<DossierAuditEntry>();
        var stix = new List<DossierStixEntry>();
        var matched = 0;
        long after = 0;
        while (true)
        {
            var page = await store.ReadAuditAsync(after, AuditPage, cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                if (!IsAbout(record, campaignId, subjects, out var bundle))
                {
                    continue;
                }

                matched++;
                if (bundle is not null && record.Target.StartsWith("stix:", StringComparison.Ordinal))
                {
                    var id = record.Target["stix:".Length..];
                    var dash = id.IndexOf("--", StringComparison.Ordinal);
                    stix.Add(new DossierStixEntry { Id = id, Type = dash > 0 ? id[..dash] : id, Bundle = bundle, PublishedAt = record.At.ToUniversalTime() });
                }

                kept.Enqueue(new DossierAuditEntry
                {
                    Id = record.Id, At = record.At.ToUniversalTime(), Actor = record.Actor, Action = record.Action, Target = record.Target,
                    Detail = DossierRedactor.Redact(record.Detail),
                });
                if (kept.Count > _options.MaxAuditEntries)
                {
                    kept.Dequeue();
                }
            }

            if (page.Count < AuditPage)
            {
                break;
            }

            after = page[^1].Id;
        }

        return ([.. kept], matched, stix);
    }

    /// <summary>Whether an audit entry is about the campaign (its STIX objects) or one of its members (any target kind naming the subject).</summary>
    private static bool IsAbout(AuditRecord record, string campaignId, HashSet<string> subjects, out string? bundle)
    {
        bundle = null;
        var colon = record.Target.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? record.Target : record.Target[(colon + 1)..];
        if (subjects.Contains(name) || (colon > 0 && name == campaignId))
        {
            return true;
        }

        if (record.Action != PublishedAction)
        {
            return false;
        }

        try
        {
            using var detail = JsonDocument.Parse(record.Detail);
            if (detail.RootElement.ValueKind == JsonValueKind.Object
                && detail.RootElement.TryGetProperty("campaign", out var campaign) && campaign.ValueKind == JsonValueKind.String
                && campaign.GetString() == campaignId)
            {
                bundle = detail.RootElement.TryGetProperty("bundle", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() ?? string.Empty : string.Empty;
                return true;
            }
        }
        catch (JsonException)
        {
            // A detail that is not JSON names no campaign.
        }

        return false;
    }

    private DossierTimeline Timeline(List<DossierMember> members, Dictionary<string, SortedDictionary<long, long>> hours, List<DossierAuditEntry> audit)
    {
        if (hours.Count == 0)
        {
            return new DossierTimeline { Start = DateTimeOffset.UnixEpoch, BucketHours = 1, Buckets = 0, Rows = [], Marks = [] };
        }

        var first = hours.Values.Min(h => h.Keys.First());
        var last = hours.Values.Max(h => h.Keys.Last());
        var span = last - first + 1;
        var width = (int)Math.Max(1, (span + MaxBuckets - 1) / MaxBuckets);
        var buckets = (int)((span + width - 1) / width);
        long[] Row(IEnumerable<string> accounts)
        {
            var counts = new long[buckets];
            foreach (var account in accounts)
            {
                if (hours.TryGetValue(account, out var h))
                {
                    foreach (var (hour, n) in h)
                    {
                        counts[(hour - first) / width] += n;
                    }
                }
            }

            return counts;
        }

        static string AccountOf(string subject) => subject.Split('/')[0];
        var total = members.ToDictionary(m => m.Subject, m => hours.TryGetValue(AccountOf(m.Subject), out var h) ? h.Values.Sum() : 0, StringComparer.Ordinal);
        var drawn = members.OrderByDescending(m => total[m.Subject]).ThenBy(m => m.Subject, StringComparer.Ordinal).Take(_options.MaxTimelineRows).ToList();
        var rest = members.Except(drawn).ToList();
        var rows = drawn.Select(m => new DossierTimelineRow { Label = m.Subject, Counts = Row([AccountOf(m.Subject)]) }).ToList();
        if (rest.Count > 0)
        {
            rows.Add(new DossierTimelineRow
            {
                Label = string.Create(CultureInfo.InvariantCulture, $"{rest.Count} other members"),
                Counts = Row(rest.Select(m => AccountOf(m.Subject))),
            });
        }

        var start = DateTimeOffset.FromUnixTimeSeconds(first * 3600);
        var end = start.AddHours((double)buckets * width);
        var marks = new List<DossierTimelineMark>();
        void Mark(DateTimeOffset? at, int row, string kind)
        {
            if (at is { } t && t >= start && t < end)
            {
                marks.Add(new DossierTimelineMark { At = t.ToUniversalTime(), Row = row, Kind = kind });
            }
        }

        foreach (var member in members)
        {
            var row = drawn.IndexOf(member);
            row = row < 0 ? rows.Count - 1 : row;
            Mark(member.FirstFlaggedAt, row, "flagged");
            Mark(member.FirstDistillationAt, row, "distillation");
        }

        foreach (var entry in audit)
        {
            Mark(entry.At, -1, entry.Action);
        }

        return new DossierTimeline
        {
            Start = start,
            BucketHours = width,
            Buckets = buckets,
            Rows = rows,
            Marks = [.. marks.OrderBy(m => m.At).ThenBy(m => m.Row).ThenBy(m => m.Kind, StringComparer.Ordinal)],
        };
    }

    private DossierMethod Method(ScoringOptions scoring)
    {
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        var rules = policyOptions.Value.EffectiveRules.Select(r =>
        {
            var conditions = new List<string>();
            if (r.MinVerdict is { } verdict)
            {
                conditions.Add("verdict ≥ " + verdict.ToString().ToLowerInvariant());
            }

            if (r.MinScore is { } score)
            {
                conditions.Add("score ≥ " + F(score));
            }

            if (r.CampaignMember is { } member)
            {
                conditions.Add(member ? "in a campaign" : "in no campaign");
            }

            conditions.AddRange(r.Signals.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} ≥ {F(s.Value)}"));
            return $"{r.Name}: {(conditions.Count == 0 ? "always" : string.Join(", ", conditions))} → {ActionNames.Of(r.Action)}";
        }).ToList();
        rules.Add("an analyst's override wins over every rule; allow-listed accounts get no rule");
        var quality = MeasuredQuality.Load();
        return new DossierMethod
        {
            Signals = [.. SubjectScorer.DefaultSignals.Select(s => new DossierSignalDefinition
            {
                Name = s.Name, Weight = s.Weight, Pooled = s.MeasuresPooledTraffic, Definition = SignalDefinitions.Of(s.Name),
            })],
            Settings =
            [
                new("score bias (log-odds with no evidence)", F(scoring.Bias)),
                new("suspicious from score", F(scoring.SuspiciousThreshold)),
                new("distillation from score", F(scoring.DistillationThreshold)),
                new("pooled signals on a multi-tenant account count", F(scoring.MultiTenantWeight)),
                new("an account is multi-tenant from end users", detection.MultiTenantEndUsers.ToString(CultureInfo.InvariantCulture)),
                new("campaign lift on members", F(detection.CampaignLift)),
                new("smallest campaign, accounts", detection.MinCampaignAccounts.ToString(CultureInfo.InvariantCulture)),
                new("campaigns re-evaluated every", detection.CampaignInterval.ToString("c", CultureInfo.InvariantCulture)),
                new("release pivot window", detection.ReleasePivotWindow.ToString("c", CultureInfo.InvariantCulture)),
                new("allow-listed accounts", detection.AllowListedAccounts.Count.ToString(CultureInfo.InvariantCulture)),
            ],
            Rules = rules,
            DetectorVersion = typeof(DetectionEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            Quality = quality.Figures,
            QualitySource = quality.Source,
        };
    }

    private sealed record JournalScan(Dictionary<string, SortedDictionary<long, long>> Hours, Dictionary<(string, string), JournalEntry> Provenance);
}
