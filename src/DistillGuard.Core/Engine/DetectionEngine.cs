using System.Globalization;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Intelligence;
using DistillGuard.Core.Linking;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Signals;
using DistillGuard.Core.Sketches;
using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The streaming detection engine: takes exchanges in timestamp order, keeps bounded state per subject, scores every
/// subject as it goes, links accounts into campaigns, and answers findings at any point.
/// </summary>
/// <remarks>
/// Pure: no I/O and no clock; time is the exchanges' own. Not thread-safe: one caller feeds it (feature extraction,
/// the expensive part, runs in parallel before it through <see cref="FeatureExtractor"/>). The batch command and the
/// service run this same engine.
/// </remarks>
public sealed partial class DetectionEngine
{
    private readonly DetectionOptions _options;
    private readonly IDetectionSignal[] _signals;
    private readonly SubjectScorer _scorer;
    private readonly Dictionary<string, AccountEntry> _accounts = new(StringComparer.Ordinal);
    private readonly List<AccountEntry> _byIndex = [];
    private readonly Dictionary<(string Account, string EndUser), SubjectState> _endUsers = [];
    private readonly LinkIndex _links = new();
    private readonly ContentIndex _content = new();
    private readonly Dictionary<int, CampaignState> _campaigns = [];
    private readonly HashSet<int> _dirtyRoots = [];
    private readonly Dictionary<string, DateTimeOffset> _modelFirstSeen = new(StringComparer.Ordinal);
    private DateTimeOffset? _streamStart;
    private DateTimeOffset _now;
    private DateTimeOffset _nextTick;
    private int _campaignSequence;

    /// <summary>How many near-duplicate prompts one account shares with another before the two are tied.</summary>
    internal const int NearDuplicateTiePrompts = 3;

    /// <summary>The least share of the less active account's fingerprinted prompts that two accounts must share to be tied.</summary>
    internal const double NearDuplicateTieShare = 0.1;

    /// <summary>How many near-duplicate neighbours an account remembers.</summary>
    internal const int NeighbourSlots = 8;

    /// <summary>The name of the note among an allow-listed subject's signals (<see cref="DetectionOptions.AllowListedAccounts"/>).</summary>
    public const string AllowListSignal = "allow_list";

    /// <summary>Initializes a new instance of the <see cref="DetectionEngine"/> class.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <param name="signals">The signals; <see cref="SubjectScorer.DefaultSignals"/> when null.</param>
    public DetectionEngine(DetectionOptions? options = null, IEnumerable<IDetectionSignal>? signals = null)
    {
        _options = options ?? new DetectionOptions();
        _options.Validate();
        _signals = [.. signals ?? SubjectScorer.DefaultSignals];
        _scorer = new SubjectScorer(_signals, _options.Scoring);
        _links.Merged += OnComponentsMerged;
    }

    /// <summary>Gets the number of subjects tracked (accounts and end users).</summary>
    public int SubjectCount => _accounts.Count + _endUsers.Count;

    /// <summary>Gets the number of exchanges observed.</summary>
    public long Observed { get; private set; }

    /// <summary>Gets the latest timestamp observed.</summary>
    public DateTimeOffset Now => _now;

    /// <summary>Observes one exchange, with its features from <see cref="FeatureExtractor.Extract"/>.</summary>
    public void Observe(Exchange exchange, in ExchangeFeatures features) => Observe(ExchangeObservation.Of(exchange, features));

    /// <summary>Observes one exchange, as <see cref="ExchangeObservation"/> gives what the engine reads of it.</summary>
    public void Observe(in ExchangeObservation observation)
    {
        var ts = observation.Timestamp;
        if (_streamStart is null)
        {
            _streamStart = ts;
            _nextTick = StreamTime.After(ts, _options.CampaignInterval);
        }

        if (ts > _now)
        {
            _now = ts;
        }

        if (_now >= _nextTick)
        {
            Tick(_now);
        }

        Observed++;
        var account = GetAccount(observation);
        account.State.Observe(observation);
        RegisterDynamicLinks(account, observation);
        // The content index serves only the near-duplicate ties; while they are off, no signal reads what it counts.
        if (_options.TieNearDuplicates && !observation.Features.Content.IsEmpty && observation.EndUserId is null)
        {
            ObserveContent(account, observation.Features);
        }

        TrackModel(account.State, observation.Request.Model, ts);

        if (observation.EndUserId is { } endUserId)
        {
            var key = (observation.AccountId, endUserId);
            if (!_endUsers.TryGetValue(key, out var endUser))
            {
                endUser = new SubjectState(new SubjectKey(observation.AccountId, endUserId));
                _endUsers[key] = endUser;
            }

            endUser.NoteAccount(account.State);
            endUser.Observe(observation);
            var features = observation.Features;
            endUser.NoteSystemPrompt(account.State, features.SystemHash, features.SystemCoercionOnly && features.Coercion >= CoercionDetector.StrongThreshold);
            if (ShouldRescore(endUser.Exchanges))
            {
                Rescore(endUser, default, ts, account.State);
            }
        }

        var root = _links.Find(account.Index);
        if (account.State.CampaignId is null && _campaigns.TryGetValue(root, out var campaign) && campaign.Id is not null)
        {
            // A new account of a campaign already flagged is judged with it from its first exchange, not at the next tick.
            account.State.CampaignId = campaign.Id;
            account.State.CampaignScore = Math.Max(account.State.CampaignScore, campaign.Score * Math.Min(1, TieOf(account, root)));
            Rescore(account.State, ContextOf(account.State), ts, null);
        }
        else if (ShouldRescore(account.State.Exchanges))
        {
            Rescore(account.State, ContextOf(account.State), ts, null);
        }

        if (_links.ComponentSize(root) >= _options.MinCampaignAccounts)
        {
            _dirtyRoots.Add(root);
        }
    }

    /// <summary>Re-evaluates campaigns now and answers the findings of everything observed so far.</summary>
    /// <param name="input">What was read, for the document's <c>input</c>.</param>
    /// <param name="generatedAt">When the document is generated.</param>
    public FindingsDocument GetFindings(InputSummary input, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tick(_now);
        var subjects = new List<SubjectFinding>(SubjectCount);
        foreach (var account in _byIndex)
        {
            subjects.Add(Describe(account.State, ContextOf(account.State)));
        }

        foreach (var endUser in _endUsers.Values)
        {
            subjects.Add(Describe(endUser, default));
        }

        subjects.Sort((a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            return c != 0 ? c : string.CompareOrdinal(a.AccountId + "/" + a.EndUserId, b.AccountId + "/" + b.EndUserId);
        });

        return new FindingsDocument { GeneratedAt = generatedAt, Input = input, Subjects = subjects, Campaigns = DescribeCampaigns() };
    }

    /// <summary>Gets the current state of a subject, or null when it was never seen.</summary>
    public SubjectState? GetSubject(SubjectKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.EndUserId is null)
        {
            return _accounts.TryGetValue(key.AccountId, out var a) ? a.State : null;
        }

        return _endUsers.GetValueOrDefault((key.AccountId, key.EndUserId));
    }

    private static bool ShouldRescore(long exchanges) =>
        exchanges <= 64 || exchanges % Math.Max(1, exchanges / 32) == 0;

    private SignalContext ContextOf(SubjectState account) =>
        new(false, account.Key.EndUserId is null && account.EndUsers.Estimate() >= _options.MultiTenantEndUsers);

    private void Rescore(SubjectState state, in SignalContext context, DateTimeOffset ts, SubjectState? account)
    {
        var own = _scorer.Score(state, context);
        state.Score = Math.Max(own, state.CampaignScore * _options.CampaignLift);
        if (IsAllowListed(state))
        {
            // Held below distillation in the score itself, so the score's order still agrees with the verdicts.
            state.Score = Math.Min(state.Score, Math.Max(_options.Scoring.SuspiciousThreshold, _options.Scoring.DistillationThreshold - 0.01));
        }

        state.Verdict = _scorer.VerdictOf(state.Score);
        state.NoteVerdict(ts);
        state.PublishJudgment();
        if (state.Verdict >= Verdict.Suspicious && state.FirstFlaggedAt is null)
        {
            state.FirstFlaggedAt = ts;
            state.ExchangesBeforeFlag = state.Exchanges;
        }

        // An end user counts against its account (end_user_harvesting) once it is flagged on more than its own sweep of
        // public collections: a legitimate router does not choose what its end users ask, and a harvest resold through
        // it would otherwise make the router itself a harvester. An attacker-run reseller's end users carry the
        // operator's own marks (coercion, budgets, a template) and still count.
        if (account is not null && !state.CountedAgainstAccount && state.Verdict >= Verdict.Suspicious
            && _scorer.VerdictOf(Math.Max(_scorer.ScoreForAccount(state, context), state.CampaignScore * _options.CampaignLift)) >= Verdict.Suspicious)
        {
            state.CountedAgainstAccount = true;
            account.FlaggedEndUsers++;
        }
    }

    private AccountEntry GetAccount(in ExchangeObservation observation)
    {
        if (_accounts.TryGetValue(observation.AccountId, out var entry))
        {
            var known = entry.Values.Count;
            entry.FillMissingBilling(observation, _links);
            MatchPeers(entry, known, observation.Timestamp);
            return entry;
        }

        entry = new AccountEntry(new SubjectState(new SubjectKey(observation.AccountId, null)), _links.AddAccount());

        _accounts[observation.AccountId] = entry;
        _byIndex.Add(entry);
        entry.FillMissingBilling(observation, _links);
        MatchPeers(entry, 0, observation.Timestamp);
        return entry;
    }

    private void RegisterDynamicLinks(AccountEntry account, in ExchangeObservation observation)
    {
        var state = account.State;
        var client = observation.Client;
        // Only accounts that rotate through residential addresses (a new network every few requests) share proxies;
        // an office whose staff work from home, or users behind one carrier's NAT, do not.
        if (client?.Ip is { } ip && client.NetworkType is NetworkType.Residential or NetworkType.Mobile
            && state.Exchanges >= 4 && state.IpPrefixes.Estimate() is var prefixes && prefixes >= 4 && prefixes / state.Exchanges >= 0.3)
        {
            var hour = observation.Timestamp.UtcTicks / TimeSpan.TicksPerHour;
            var proxy = _links.AddProxy(ip, hour, account.Index, account.PaymentHash);
            MatchPeer(account.State, PeerFingerprintKind.ProxyPrefix, ip, observation.Timestamp);
            if (proxy.Accounts.Count >= 2)
            {
                account.ProxyHits++;
            }
        }

        if (state.SkeletonEligible >= 5 && state.SkeletonEligible % 5 == 0 && observation.Features.PrefixSkeleton != 0)
        {
            var (key, count) = state.TopSkeleton();
            if (key != 0 && key != account.Template && count >= 0.5 * state.SkeletonEligible)
            {
                account.Template = key;
                var template = key.ToString("x16", CultureInfo.InvariantCulture);
                account.Values.Add(_links.Add(LinkKind.PromptTemplate, template, account.Index, account.PaymentHash));
                MatchPeer(account.State, PeerFingerprintKind.PromptTemplate, template, observation.Timestamp);
            }
        }
    }

    /// <summary>
    /// Looks an account's prompt up in the global content index: each other account (on another payment method) that
    /// sent a near-duplicate into a rare bucket is a neighbour, counted once per prompt with the bucket that showed it.
    /// Ties are decided at the campaign tick (<see cref="TieNearDuplicates"/>), once the buckets have had time to show
    /// whether they are popular.
    /// </summary>
    /// <remarks>
    /// A router's or an app's traffic (exchanges with an end user) is not indexed: its end users are one account's
    /// customers, and a curriculum that many students ask about is not coordination.
    /// </remarks>
    private void ObserveContent(AccountEntry account, in ExchangeFeatures features)
    {
        var content = features.Content;
        Span<int> neighbours = stackalloc int[ContentFingerprint.Bands * ContentIndex.MaxBucketAccounts];
        Span<uint> keys = stackalloc uint[ContentFingerprint.Bands * ContentIndex.MaxBucketAccounts];
        account.State.Fingerprinted++;
        var found = _content.Add(content, account.Index, features.PromptHash, neighbours, keys);
        var shared = false;
        for (var i = 0; i < found; i++)
        {
            var other = _byIndex[neighbours[i]];
            if (other.PaymentHash == account.PaymentHash)
            {
                continue;
            }

            shared = true;
            account.CountNeighbour(neighbours[i], keys[i]);
            other.CountNeighbour(account.Index, keys[i]);
        }

        if (shared)
        {
            account.State.NearDuplicates++;
        }
    }

    /// <summary>
    /// Ties each account to a near-duplicate neighbour with which it shares <see cref="NearDuplicateTiePrompts"/>
    /// prompts whose buckets are still rare, and at least <see cref="NearDuplicateTieShare"/> of what the less active of
    /// the two asked: a famous question that many accounts came to ask later proves nothing
    /// about the first two who asked it.
    /// </summary>
    private void TieNearDuplicates()
    {
        foreach (var account in _byIndex)
        {
            if (account.Neighbours is not { } slots)
            {
                continue;
            }

            for (var s = 0; s < slots.Length; s += AccountEntry.NeighbourStride)
            {
                var index = slots[s];
                if (index < 0 || slots[s + 1] < NearDuplicateTiePrompts || _links.Find(index) == _links.Find(account.Index))
                {
                    continue;
                }

                // Chance near-duplicates (two customers asking about the same item of a public collection) are a few
                // among many prompts; an operation's accounts share a real part of what they ask.
                var other = _byIndex[index];
                var fewer = Math.Min(account.State.Fingerprinted, other.State.Fingerprinted);
                if (slots[s + 1] < NearDuplicateTieShare * fewer)
                {
                    continue;
                }

                var rare = 0;
                for (var k = 0; k < NearDuplicateTiePrompts; k++)
                {
                    if (_content.IsRare(unchecked((uint)slots[s + 2 + k])))
                    {
                        rare++;
                    }
                }

                if (rare < NearDuplicateTiePrompts)
                {
                    continue;
                }

                // The value names a bucket of a prompt the two shared; its two accounts are the pair.
                var key = string.Create(CultureInfo.InvariantCulture, $"{unchecked((uint)slots[s + 2]):x8}");
                var value = _links.Tie(LinkKind.NearDuplicatePrompts, key, index, other.PaymentHash, account.Index, account.PaymentHash);
                if (!other.Values.Contains(value))
                {
                    other.Values.Add(value);
                }

                if (!account.Values.Contains(value))
                {
                    account.Values.Add(value);
                }

                if (_links.ComponentSize(account.Index) >= _options.MinCampaignAccounts)
                {
                    _dirtyRoots.Add(_links.Find(account.Index));
                }
            }
        }
    }

    private void TrackModel(SubjectState state, string model, DateTimeOffset ts)
    {
        if (!_modelFirstSeen.TryGetValue(model, out var first))
        {
            _modelFirstSeen[model] = ts;
            first = ts;
        }

        // A model first seen well after the stream began is a new release; using it within the window is a pivot.
        if (state.PivotModel is null && _streamStart is { } start && first - start > TimeSpan.FromHours(24)
            && ts - first <= _options.ReleasePivotWindow)
        {
            state.PivotModel = model;
            state.PivotLag = ts - first;
        }
    }

    private void Tick(DateTimeOffset now)
    {
        _nextTick = StreamTime.After(now, _options.CampaignInterval);
        _links.EvaluatePending();
        if (_options.TieNearDuplicates)
        {
            TieNearDuplicates();
        }

        TieCohorts();

        if (_dirtyRoots.Count == 0)
        {
            return;
        }

        var roots = _dirtyRoots.ToArray();
        _dirtyRoots.Clear();
        foreach (var dirty in roots)
        {
            var root = _links.Find(dirty);
            if (_links.ComponentSize(root) < _options.MinCampaignAccounts)
            {
                continue;
            }

            if (!_campaigns.TryGetValue(root, out var campaign))
            {
                campaign = new CampaignState();
                _campaigns[root] = campaign;
            }

            var merged = new SubjectState(new SubjectKey("campaign", null));
            foreach (var member in _links.Members(root))
            {
                // A licensed customer's harvest-like traffic is permitted: it lifts no one it is tied to.
                if (!IsAllowListed(_byIndex[member].State))
                {
                    merged.MergeFrom(_byIndex[member].State);
                }
            }

            merged.SubjectsMerged = _links.Members(root).Count;
            campaign.Merged = merged;
            campaign.Score = _scorer.Score(merged, new SignalContext(true, false));
            if (_scorer.VerdictOf(campaign.Score) < Verdict.Suspicious)
            {
                continue;
            }

            campaign.Id ??= string.Create(CultureInfo.InvariantCulture, $"cmp_{++_campaignSequence:D4}");
            campaign.FirstFlaggedAt ??= now;
            foreach (var member in _links.Members(root))
            {
                var entry = _byIndex[member];
                var state = entry.State;
                state.CampaignId = campaign.Id;

                // A member is lifted as far as it is tied to the others: one shared payment method, or several weaker
                // shared values, tie it fully; one shared common-looking value (an e-mail domain) does not.
                var lift = campaign.Score * Math.Min(1, TieOf(entry, root));
                if (lift > state.CampaignScore)
                {
                    state.CampaignScore = lift;
                    Rescore(state, ContextOf(state), now, null);
                }

                state.PublishJudgment();
            }
        }
    }

    /// <summary>
    /// How strongly an account is tied to the rest of its campaign, beyond its own payment method: the shared values
    /// that connect it to members paying with another method. A campaign of one payment method ties fully.
    /// </summary>
    private double TieOf(AccountEntry entry, int root)
    {
        var members = _links.Members(root);
        var single = true;
        foreach (var m in members)
        {
            if (_byIndex[m].PaymentHash != entry.PaymentHash)
            {
                single = false;
                break;
            }
        }

        if (single)
        {
            return 1;
        }

        var tie = Math.Min(1, entry.ProxyHits * 0.25);
        foreach (var value in entry.Values)
        {
            if (!value.Ties || value.Accounts.Count < 2 || value.Kind == LinkKind.PaymentFingerprint)
            {
                continue;
            }

            foreach (var other in value.Accounts)
            {
                if (other != entry.Index && _byIndex[other].PaymentHash != entry.PaymentHash && _links.Find(other) == root)
                {
                    tie += value.TieWeight;
                    break;
                }
            }
        }

        return tie;
    }

    private void OnComponentsMerged(int survivor, int absorbed)
    {
        if (!_campaigns.Remove(absorbed, out var gone))
        {
            return;
        }

        if (!_campaigns.TryGetValue(survivor, out var kept))
        {
            _campaigns[survivor] = gone;
            return;
        }

        // Keep the older campaign's identity.
        if (kept.Id is null || (gone.Id is not null && string.CompareOrdinal(gone.Id, kept.Id) < 0))
        {
            kept.Id = gone.Id;
            kept.FirstFlaggedAt = gone.FirstFlaggedAt;
        }
    }

    private SubjectFinding Describe(SubjectState state, in SignalContext context)
    {
        var own = _scorer.Score(state, context);
        var allowListed = IsAllowListed(state);
        var uncapped = allowListed ? Math.Max(own, state.CampaignScore * _options.CampaignLift) : state.Score;
        var signals = new List<SignalResult>(_scorer.Explain(state, context, Math.Min(own, uncapped)));
        if (state.CampaignScore * _options.CampaignLift > own && state.CampaignId is not null)
        {
            signals.Insert(0, new SignalResult
            {
                Name = "campaign",
                Value = state.CampaignScore,
                Contribution = uncapped - own,
                Evidence = $"member of campaign {state.CampaignId}, whose members' evidence taken together scores "
                    + state.CampaignScore.ToString("0.00", CultureInfo.InvariantCulture),
            });
        }

        if (allowListed)
        {
            signals.Insert(0, new SignalResult
            {
                Name = AllowListSignal,
                Value = 1,
                Contribution = state.Score - uncapped,
                Evidence = $"account {state.Key.AccountId} is allow-listed by the provider: scored as any other"
                    + (state.Score < uncapped
                        ? $" ({uncapped.ToString("0.00", CultureInfo.InvariantCulture)} without the allow-list), but held at suspicious for an analyst to decide"
                        : "; a verdict above suspicious would be held there for an analyst to decide"),
            });
        }

        var campaignId = state.Key.EndUserId is null && state.CampaignId is not null && IsReported(state) ? state.CampaignId : null;
        return new SubjectFinding
        {
            AccountId = state.Key.AccountId,
            EndUserId = state.Key.EndUserId,
            Verdict = state.Verdict,
            Score = state.Score,
            CampaignId = campaignId,
            Exchanges = state.Exchanges,
            FirstFlaggedAt = state.FirstFlaggedAt,
            ExchangesBeforeFlag = state.ExchangesBeforeFlag,
            Harvest = state.DescribeHarvest(state.Key.EndUserId is null ? null : GetSubject(new SubjectKey(state.Key.AccountId, null))),
            Signals = signals,
        };
    }

    private bool IsAllowListed(SubjectState state) => _options.AllowListedAccounts.Count > 0 && _options.AllowListedAccounts.Contains(state.Key.AccountId);

    private bool IsReported(SubjectState state) =>
        _accounts.TryGetValue(state.Key.AccountId, out var entry)
        && _campaigns.TryGetValue(_links.Find(entry.Index), out var campaign)
        && campaign.Id == state.CampaignId;

    private CampaignFinding DescribeCampaign(int root, CampaignState campaign)
    {
        var members = _links.Members(root);
        var memberSet = new HashSet<int>(members);
        var keys = new List<SubjectKey>(members.Count);
        foreach (var m in members)
        {
            keys.Add(_byIndex[m].State.Key);
        }

        keys.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        var links = _links.LinksOf(memberSet, 12);
        var linkSummaries = links.Select(l => new CampaignLinkSummary { Kind = l.Kind.Name(), Value = l.Value, Subjects = l.Accounts }).ToList();
        var merged = campaign.Merged ?? new SubjectState(new SubjectKey("campaign", null));
        var exchanges = merged.Exchanges;
        var byKind = links.GroupBy(l => l.Kind).Select(g => $"{g.Count()} shared {g.Key.Name().Replace('_', ' ')}{(g.Count() == 1 ? string.Empty : "s")}");
        var summary = $"{members.Count} accounts, {exchanges} exchanges, tied by {string.Join(", ", byKind)}";
        var top = _scorer.Explain(merged, new SignalContext(true, false), campaign.Score).Take(3).Select(s => s.Evidence);
        summary += "; " + string.Join("; ", top);
        var pivot = members.Select(m => _byIndex[m].State).Where(s => s.PivotModel is not null).ToList();
        if (pivot.Count > 0)
        {
            var lag = pivot.Min(s => s.PivotLag!.Value);
            summary += $"; release pivot: {pivot.Count} members moved to newly seen model '{pivot[0].PivotModel}' within "
                + $"{lag.TotalHours.ToString("0", CultureInfo.InvariantCulture)} h of its first appearance";
        }

        var peers = members.Select(m => _byIndex[m].State.PeerName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (peers.Count > 0)
        {
            summary += $"; reported by peers: {string.Join(", ", peers)}";
        }

        return new CampaignFinding
        {
            Id = campaign.Id!,
            Score = campaign.Score,
            Subjects = keys,
            Links = linkSummaries,
            Summary = summary,
        };
    }

    private sealed class CampaignState
    {
        public string? Id { get; set; }

        public double Score { get; set; }

        public SubjectState? Merged { get; set; }

        public DateTimeOffset? FirstFlaggedAt { get; set; }
    }

    private sealed partial class AccountEntry(SubjectState state, int index)
    {
        public SubjectState State { get; } = state;

        public int Index { get; } = index;

        public ulong PaymentHash { get; private set; }

        public ulong Template { get; set; }

        public List<LinkValue> Values { get; } = [];

        public int ProxyHits { get; set; }

        /// <summary>The ints per neighbour slot: account index, prompts shared, the buckets of the latest shared prompts.</summary>
        public const int NeighbourStride = 2 + NearDuplicateTiePrompts;

        /// <summary>
        /// Near-duplicate neighbours: up to <see cref="NeighbourSlots"/> slots of <see cref="NeighbourStride"/> ints,
        /// allocated at the first neighbour. A new neighbour takes a free slot or one whose neighbour shared one prompt
        /// only, so counts are never overestimated (unlike Space-Saving, whose inherited counts would make strangers
        /// look close).
        /// </summary>
        public int[]? Neighbours { get; set; }

        /// <summary>Counts one more near-duplicate prompt shared with another account, seen in a bucket.</summary>
        public void CountNeighbour(int other, uint bucket)
        {
            var slots = Neighbours ??= CreateNeighbourSlots();
            var free = -1;
            var weak = -1;
            for (var i = 0; i < slots.Length; i += NeighbourStride)
            {
                if (slots[i] == other)
                {
                    // The buckets of the latest shared prompts: the first ones are often a phrasing's, which turn popular.
                    var shared = slots[i + 1]++;
                    slots[i + 2 + (shared % NearDuplicateTiePrompts)] = unchecked((int)bucket);
                    return;
                }

                if (slots[i] < 0)
                {
                    free = free < 0 ? i : free;
                }
                else if (slots[i + 1] <= 1)
                {
                    weak = weak < 0 ? i : weak;
                }
            }

            var take = free >= 0 ? free : weak;
            if (take >= 0)
            {
                slots[take] = other;
                slots[take + 1] = 1;
                slots[take + 2] = unchecked((int)bucket);
            }
        }

        private static int[] CreateNeighbourSlots()
        {
            var slots = new int[NeighbourStride * NeighbourSlots];
            for (var i = 0; i < slots.Length; i += NeighbourStride)
            {
                slots[i] = -1;
            }

            return slots;
        }

        private bool _payment;
        private bool _email;
        private bool _client;
        private bool _signup;

        public void FillMissingBilling(in ExchangeObservation observation, LinkIndex links)
        {
            if (_payment && _email && _client && _signup)
            {
                return;
            }

            var billing = observation.Billing;
            if (!_payment && billing?.PaymentFingerprint is { } pf)
            {
                _payment = true;
                PaymentHash = TextTokens.Hash(pf);
                Values.Add(links.Add(LinkKind.PaymentFingerprint, pf, Index, PaymentHash));
            }

            var payment = PaymentHash != 0 ? PaymentHash : TextTokens.Hash(State.Key.AccountId);
            if (!_email && billing?.EmailDomain is { } domain)
            {
                _email = true;
                Values.Add(links.Add(LinkKind.EmailDomain, domain.ToLowerInvariant(), Index, payment));
            }

            if (!_signup && billing?.SignupTimestamp is { } signup)
            {
                _signup = true;
                Values.Add(links.Add(LinkKind.SignupBurst, signup.UtcDateTime.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture), Index, payment));
            }

            if (!_client && observation.Client is { TlsFingerprint: { } tls } client)
            {
                _client = true;
                Values.Add(links.Add(LinkKind.ClientFingerprint, ClientFingerprintLink.Value(tls, client.UserAgent), Index, payment));
            }
        }
    }
}
