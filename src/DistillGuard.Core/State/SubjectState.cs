using DistillGuard.Core.Engine;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Sketches;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.State;

/// <summary>
/// Everything detection keeps about one subject (or, merged, about a campaign): counters and mergeable sketches of
/// bounded size, never the prompts themselves.
/// </summary>
/// <remarks>
/// The footprint is fixed (about 1.5 KB) whatever the subject's volume: distinct counts are HyperLogLog sketches,
/// frequent prompt skeletons a Space-Saving summary, the rest counters. Every part merges, so a campaign's state is
/// the merge of its members' (<see cref="MergeFrom"/>) and the same signals judge it.
/// </remarks>
public sealed partial class SubjectState
{
    internal const int HourBins = 24;
    internal const int NetworkTypes = 6;
    internal const int SkeletonCapacity = 8;
    internal const int PromptPrecision = 8;
    internal const int AddressPrecision = 6;
    internal const int AsnPrecision = 5;
    internal const int EndUserPrecision = 6;
    internal const int ToolResultPrecision = 6;

    /// <summary>The longest follow-up prompt, in characters, that counts as a short follow-up.</summary>
    internal const int ShortFollowUpChars = 160;

    /// <summary>The fewest completion tokens of an answer to a short follow-up that make it an elicited follow-up.</summary>
    internal const int ElicitedAnswerTokens = 1200;

    /// <summary>How many distinct end users of an account must share a system prompt for it to be the application's.</summary>
    internal const int SharedSystemEndUsers = 5;

    /// <summary>
    /// The share of an account's end users that must share a system prompt for it to be the application's: a few end
    /// users of a large router sending one system prompt are a group of their own, not the router's application.
    /// </summary>
    internal const double SharedSystemShare = 0.25;

    /// <summary>
    /// How many system prompt skeleton halves an account's <see cref="SharedSystems"/> follows (two per template,
    /// <see cref="FeatureExtractor.HashSystemPrompt(ReadOnlySpan{char})"/>).
    /// </summary>
    internal const int SharedSystemCapacity = 8;


    /// <summary>Initializes a new instance of the <see cref="SubjectState"/> class.</summary>
    public SubjectState(SubjectKey key) => Key = key;

    /// <summary>Gets the subject.</summary>
    public SubjectKey Key { get; }

    /// <summary>Gets the number of exchanges seen.</summary>
    public long Exchanges { get; internal set; }

    /// <summary>Gets the first exchange's timestamp.</summary>
    public DateTimeOffset FirstSeen { get; internal set; }

    /// <summary>Gets the last exchange's timestamp.</summary>
    public DateTimeOffset LastSeen { get; internal set; }

    // What is asked.
    internal int CoercionStrong;
    internal string? CoercionQuote;
    internal int SkeletonEligible;
    internal readonly SpaceSaving Skeletons = new(SkeletonCapacity);
    internal readonly int[] Topics = new int[TopicClassifier.TopicCount];
    internal int TopicKnown;
    internal int BenchmarkItems;
    internal readonly HyperLogLog Prompts = new(PromptPrecision);
    internal readonly HyperLogLog PromptModels = new(PromptPrecision);
    internal int MultiTurn;
    internal int ElicitedFollowUps;
    internal long FirstTurnOutput;
    internal long FollowUpOutput;
    internal int ToolResultExchanges;
    internal readonly HyperLogLog ToolResults = new(ToolResultPrecision);
    internal int Fingerprinted;
    internal int NearDuplicates;

    // How it is asked.
    internal int MultipleChoices;
    internal int LogprobsLong;
    internal int HighBudget;
    internal int HighEffort;
    internal long CompletionTokens;
    internal long ReasoningTokens;

    // When.
    internal RunningStats LogGaps;
    internal readonly int[] Hours = new int[HourBins];
    internal ulong ActiveDays;
    internal long LastTicks;

    // From where.
    internal readonly HyperLogLog Ips = new(AddressPrecision);
    internal readonly HyperLogLog IpPrefixes = new(AddressPrecision);
    internal readonly HyperLogLog Asns = new(AsnPrecision);
    internal readonly int[] Networks = new int[NetworkTypes];
    internal readonly HyperLogLog EndUsers = new(EndUserPrecision);
    internal DateTimeOffset? Signup;
    internal string? Plan;

    // Judgment.
    internal double Score;
    internal Verdict Verdict;
    internal double CampaignScore;
    internal string? CampaignId;
    internal DateTimeOffset? FirstFlaggedAt;
    internal long? ExchangesBeforeFlag;

    // Harvest before detection, in stream order: what was served, and how much of it before the first verdicts.
    internal long VisibleOutputTokens;
    internal long? OutputTokensBeforeFlag;
    internal DateTimeOffset? FirstDistillationAt;
    internal long? ExchangesBeforeDistillation;
    internal long? OutputTokensBeforeDistillation;
    internal AccountCover? Cover;
    internal int FlaggedEndUsers; // an account's end users flagged on more than their own sweep (CountedAgainstAccount)
    internal bool CountedAgainstAccount; // an end user counted in its account's FlaggedEndUsers
    internal int SubjectsMerged = 1;
    internal string? PivotModel;
    internal TimeSpan? PivotLag;

    // Peer intelligence: the best match of this account's fingerprints against peers' indicators.
    internal double PeerWeight;
    internal string? PeerName;
    internal string? PeerIndicator;
    internal string? PeerKind;

    // An app's system prompt: strong coercion that came from a system prompt alone, and whether that prompt is one the
    // account's end users share (the application's instruction, not the end user's act).
    internal int SharedSystemStrong; // strong exchanges excused as a shared system prompt's (not counted as coercion)
    internal int SystemOnlyStrong; // an end user's strong exchanges from its SystemOnlyHash alone while that prompt is not shared
    internal ulong SystemOnlyHash; // an end user's first system prompt that was its exchanges' only coercion
    internal bool SystemShared; // an end user's SystemOnlyHash is, at its last exchange, shared by enough of its account's end users
    internal int OtherSharedStrong; // an end user's strong exchanges from another system prompt alone that its account's end users shared at the time
    internal ulong SystemHalvesTaken; // an end user's system prompt halves it has counted in its account's SharedSystems, one bit each
    internal SpaceSaving? SharedSystems; // an account's system prompts by the end users that took them up; null until one does

    /// <summary>Gets the strong coercions excused as an application's shared system prompt's.</summary>
    internal int ExcusedSystemStrong => SharedSystemStrong + OtherSharedStrong;

    /// <summary>Gets the account's age in days at its first exchange, where the sign-up time is known.</summary>
    internal double? AgeAtFirstSeenDays => Signup is { } s ? (FirstSeen - s).TotalDays : null;

    /// <summary>Gets the days between the first and the last exchange, at least one.</summary>
    internal double SpanDays => Math.Max(1.0, (LastSeen - FirstSeen).TotalDays);

    /// <summary>Gets the mean output (completion plus reasoning tokens) per exchange.</summary>
    internal double MeanOutputTokens => Exchanges == 0 ? 0 : (double)(CompletionTokens + ReasoningTokens) / Exchanges;

    /// <summary>Gets the share of exchanges with no earlier user turn in the conversation.</summary>
    internal double SingleTurnShare => Exchanges == 0 ? 0 : 1 - ((double)MultiTurn / Exchanges);

    /// <summary>
    /// Gets how much longer answers to follow-up turns are than answers to opening turns (mean completion tokens per
    /// exchange, follow-ups over openings), or 0 without both.
    /// </summary>
    internal double FollowUpGrowth
    {
        get
        {
            var openings = Exchanges - MultiTurn;
            if (MultiTurn == 0 || openings <= 0 || FirstTurnOutput <= 0)
            {
                return 0;
            }

            return ((double)FollowUpOutput / MultiTurn) / ((double)FirstTurnOutput / openings);
        }
    }

    /// <summary>Gets the most frequent prompt skeleton and its count.</summary>
    internal (ulong Key, long Count) TopSkeleton()
    {
        Span<SpaceSavingEntry> top = stackalloc SpaceSavingEntry[1];
        return Skeletons.CopyTopTo(top) == 0 ? (0, 0) : (top[0].Key, top[0].Count);
    }

    /// <summary>Counts an observed exchange into the state.</summary>
    public void Observe(in ExchangeObservation observation)
    {
        var features = observation.Features;
        var ts = observation.Timestamp;
        if (Exchanges == 0)
        {
            FirstSeen = ts;
        }
        else
        {
            var gapSeconds = Math.Max(0.0, (ts.UtcTicks - LastTicks) / (double)TimeSpan.TicksPerSecond);
            LogGaps.Add(Math.Log(1 + gapSeconds));
        }

        Exchanges++;
        LastSeen = ts > LastSeen ? ts : LastSeen;
        LastTicks = ts.UtcTicks;

        if (features.Coercion >= CoercionDetector.StrongThreshold)
        {
            CoercionStrong++;
            CoercionQuote ??= features.CoercionQuote;
            if (features.SystemCoercionOnly && features.SystemHash != 0)
            {
                ObserveSystemCoercion(features.SystemHash, observation.EndUserId is not null);
            }
        }

        if (features.PrefixSkeleton != 0)
        {
            SkeletonEligible++;
            Skeletons.Add(features.PrefixSkeleton);
            Skeletons.Add(features.SuffixSkeleton);
        }

        if (features.Topic >= 0)
        {
            Topics[features.Topic]++;
            TopicKnown++;
        }

        if (features.Benchmark)
        {
            BenchmarkItems++;
        }

        Prompts.Add(features.PromptHash);
        PromptModels.Add(features.PromptHash ^ features.ModelHash);
        var request = observation.Request;
        var completion = observation.CompletionTokens ?? 0;
        if (features.ToolResultHash != 0)
        {
            ToolResultExchanges++;
            ToolResults.Add(features.ToolResultHash);
        }

        if (features.UserTurns > 1)
        {
            MultiTurn++;
            FollowUpOutput += completion;
            if (features.PromptLength <= ShortFollowUpChars && completion >= ElicitedAnswerTokens)
            {
                ElicitedFollowUps++;
            }
        }
        else
        {
            FirstTurnOutput += completion;
        }
        if (request.N is > 1)
        {
            MultipleChoices++;
        }

        if (request.Logprobs == true || request.TopLogprobs is > 0)
        {
            // One-token classification with logprobs is scoring, not harvesting: judge by the output actually produced,
            // or by the budget where usage is not logged.
            if (observation.CompletionTokens is { } produced ? produced > 32 : request.OutputBudget is null or > 64)
            {
                LogprobsLong++;
            }
        }

        if (request.OutputBudget is >= 16_000)
        {
            HighBudget++;
        }

        if (request.ReasoningEffort is "high" or "xhigh" or "max")
        {
            HighEffort++;
        }

        CompletionTokens += completion;
        ReasoningTokens += observation.ReasoningTokens ?? 0;
        VisibleOutputTokens += Math.Max(0, completion - (observation.ReasoningTokens ?? 0));

        Hours[ts.UtcDateTime.Hour]++;
        var day = (int)Math.Clamp((ts - FirstSeen).TotalDays, 0, 63);
        ActiveDays |= 1UL << day;

        var client = observation.Client;
        if (client is not null)
        {
            if (features.IpHash != 0)
            {
                Ips.Add(features.IpHash);
                IpPrefixes.Add(features.IpPrefixHash);
            }

            if (client.Asn is { } asn)
            {
                Asns.Add((ulong)asn * 0x9E3779B97F4A7C15UL);
            }

            Networks[(int)client.NetworkType]++;
        }

        if (observation.Billing is { } billing)
        {
            Signup ??= billing.SignupTimestamp;
            Plan ??= billing.Plan;
        }

        if (Key.EndUserId is null && observation.EndUserId is { } endUser)
        {
            EndUsers.Add(TextTokens.Hash(endUser));
        }
    }

    /// <summary>Counts an exchange whose strong coercion came from its system prompt alone.</summary>
    private void ObserveSystemCoercion(ulong systemHash, bool fromEndUser)
    {
        if (Key.EndUserId is not null)
        {
            SystemOnlyHash = SystemOnlyHash == 0 ? systemHash : SystemOnlyHash;
            if (FeatureExtractor.SystemPromptsAlike(systemHash, SystemOnlyHash))
            {
                if (SystemShared)
                {
                    SharedSystemStrong++;
                }
                else
                {
                    SystemOnlyStrong++;
                }
            }
        }
        else if (fromEndUser && IsSharedSystem(systemHash))
        {
            // The account's pooled count: an end user's exchange under the app's shared system prompt.
            SharedSystemStrong++;
        }
    }

    /// <summary>
    /// Whether at least <see cref="SharedSystemEndUsers"/> of this account's end users, and at least
    /// <see cref="SharedSystemShare"/> of them, took up the system prompt.
    /// </summary>
    /// <remarks>A template is followed by its skeleton's two halves: either half shared is enough.</remarks>
    private bool IsSharedSystem(ulong systemHash)
    {
        if (SharedSystems is not { } s)
        {
            return false;
        }

        var needed = Math.Max(SharedSystemEndUsers, SharedSystemShare * EndUsers.Estimate());
        return (s.TryGetEntry(HighHalf(systemHash), out var high) && high.GuaranteedCount >= needed)
            || (s.TryGetEntry(LowHalf(systemHash), out var low) && low.GuaranteedCount >= needed);
    }

    private void TakeUp(SpaceSaving prompts, ulong half)
    {
        var bit = 1UL << (int)(half >> 58);
        if ((SystemHalvesTaken & bit) == 0)
        {
            SystemHalvesTaken |= bit;
            prompts.Add(half);
        }
    }

    // The two halves of a system prompt skeleton, as distinct keys of SharedSystems.
    private static ulong HighHalf(ulong systemHash) => Hashing.Mix(systemHash >> 32);

    private static ulong LowHalf(ulong systemHash) => Hashing.Mix((systemHash & uint.MaxValue) | (1UL << 32));

    /// <summary>
    /// Notes, for an end user, the system prompt of the exchange it just sent: its account counts the end users that take
    /// up each system prompt, and the end user's system-only coercion is excused while its prompt is shared by enough of them.
    /// </summary>
    /// <param name="account">The end user's account's state.</param>
    /// <param name="systemHash">The exchange's <see cref="Features.ExchangeFeatures.SystemHash"/>.</param>
    /// <param name="systemOnlyCoercion">Whether the exchange's strong coercion came from its system prompt alone.</param>
    /// <remarks>
    /// The engine calls it after observing each of the end user's exchanges, before rescoring it. The end user's first
    /// system-only prompt (<see cref="SystemOnlyHash"/>) is judged again at every exchange; an exchange under another
    /// one (an app's user moving to another character of the same app) is judged once, when it comes.
    /// </remarks>
    internal void NoteSystemPrompt(SubjectState account, ulong systemHash, bool systemOnlyCoercion)
    {
        if (systemHash != 0)
        {
            // Each end user counts once per half it takes up (remembered as a bit of SystemHalvesTaken), however often it
            // moves between prompts: one end user alternating two prompts is not many end users sharing them. Two halves
            // on one bit count once, which can only withhold an excuse.
            var prompts = account.SharedSystems ??= new SpaceSaving(SharedSystemCapacity);
            TakeUp(prompts, HighHalf(systemHash));
            TakeUp(prompts, LowHalf(systemHash));
        }

        if (systemOnlyCoercion && !FeatureExtractor.SystemPromptsAlike(systemHash, SystemOnlyHash) && account.IsSharedSystem(systemHash))
        {
            OtherSharedStrong++;
        }

        // Judged again at every exchange: a prompt that a few early end users shared stops being the application's
        // once the account's other end users come without it.
        var shared = SystemOnlyHash != 0 && account.IsSharedSystem(SystemOnlyHash);
        if (shared != SystemShared)
        {
            SystemShared = shared;
            (SharedSystemStrong, SystemOnlyStrong) = (SystemOnlyStrong, SharedSystemStrong);
        }
    }

    /// <summary>
    /// Records what had been served when the subject was first flagged and first judged <c>distillation</c>; the engine
    /// calls it after every rescoring, with the time of the exchange (or tick) at which it rescored.
    /// </summary>
    internal void NoteVerdict(DateTimeOffset ts)
    {
        if (Verdict >= Verdict.Suspicious && OutputTokensBeforeFlag is null)
        {
            OutputTokensBeforeFlag = VisibleOutputTokens;
        }

        if (Verdict == Verdict.Distillation && FirstDistillationAt is null)
        {
            FirstDistillationAt = ts;
            ExchangesBeforeDistillation = Exchanges;
            OutputTokensBeforeDistillation = VisibleOutputTokens;
        }
    }

    /// <summary>
    /// Records, for an end user, what it had been served when its account was first flagged and first judged
    /// <c>distillation</c>; the engine calls it before observing each of the end user's exchanges.
    /// </summary>
    /// <remarks>
    /// The account's verdict comes at some exchange of the account's; the end user's counts do not change until its own
    /// next exchange, so taking them then, before that exchange is counted, gives exactly the counts at the account's
    /// verdict, without an index from accounts to their end users. <see cref="DescribeHarvest"/> takes them for an end
    /// user that sent nothing after its account's verdict.
    /// </remarks>
    internal void NoteAccount(SubjectState account)
    {
        if (account.FirstFlaggedAt is null || Cover is { ExchangesBeforeDistillation: not null })
        {
            return;
        }

        Cover ??= new AccountCover { ExchangesBeforeFlag = Exchanges, OutputTokensBeforeFlag = VisibleOutputTokens };
        if (account.FirstDistillationAt is not null)
        {
            Cover.ExchangesBeforeDistillation = Exchanges;
            Cover.OutputTokensBeforeDistillation = VisibleOutputTokens;
        }
    }

    /// <summary>Describes the harvest bookkeeping for the findings.</summary>
    /// <param name="account">For an end user, its account's state; <see langword="null"/> for an account.</param>
    internal SubjectHarvest DescribeHarvest(SubjectState? account)
    {
        // An end user that sent nothing since its account's verdict had been served all it has now.
        var flagged = account?.FirstFlaggedAt is not null;
        var distilled = account?.FirstDistillationAt is not null;
        return new SubjectHarvest
        {
            OutputTokens = VisibleOutputTokens,
            OutputTokensBeforeFlag = OutputTokensBeforeFlag,
            FirstDistillationAt = FirstDistillationAt,
            ExchangesBeforeDistillation = ExchangesBeforeDistillation,
            OutputTokensBeforeDistillation = OutputTokensBeforeDistillation,
            ExchangesBeforeAccountFlag = flagged ? Cover?.ExchangesBeforeFlag ?? Exchanges : null,
            OutputTokensBeforeAccountFlag = flagged ? Cover?.OutputTokensBeforeFlag ?? VisibleOutputTokens : null,
            ExchangesBeforeAccountDistillation = distilled ? Cover?.ExchangesBeforeDistillation ?? Exchanges : null,
            OutputTokensBeforeAccountDistillation = distilled ? Cover?.OutputTokensBeforeDistillation ?? VisibleOutputTokens : null,
        };
    }

    /// <summary>Adds another state into this one (campaign states are the merge of their members').</summary>
    public void MergeFrom(SubjectState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Exchanges == 0)
        {
            return;
        }

        FirstSeen = Exchanges == 0 || other.FirstSeen < FirstSeen ? other.FirstSeen : FirstSeen;
        LastSeen = other.LastSeen > LastSeen ? other.LastSeen : LastSeen;
        Exchanges += other.Exchanges;
        CoercionStrong += other.CoercionStrong;
        CoercionQuote ??= other.CoercionQuote;
        SharedSystemStrong += other.SharedSystemStrong;
        OtherSharedStrong += other.OtherSharedStrong;
        SkeletonEligible += other.SkeletonEligible;
        Skeletons.Merge(other.Skeletons);
        for (var i = 0; i < Topics.Length; i++)
        {
            Topics[i] += other.Topics[i];
        }

        TopicKnown += other.TopicKnown;
        BenchmarkItems += other.BenchmarkItems;
        Prompts.Merge(other.Prompts);
        PromptModels.Merge(other.PromptModels);
        MultiTurn += other.MultiTurn;
        ElicitedFollowUps += other.ElicitedFollowUps;
        FirstTurnOutput += other.FirstTurnOutput;
        FollowUpOutput += other.FollowUpOutput;
        ToolResultExchanges += other.ToolResultExchanges;
        ToolResults.Merge(other.ToolResults);
        Fingerprinted += other.Fingerprinted;
        NearDuplicates += other.NearDuplicates;
        MultipleChoices += other.MultipleChoices;
        LogprobsLong += other.LogprobsLong;
        HighBudget += other.HighBudget;
        HighEffort += other.HighEffort;
        CompletionTokens += other.CompletionTokens;
        ReasoningTokens += other.ReasoningTokens;
        VisibleOutputTokens += other.VisibleOutputTokens;
        LogGaps.Merge(other.LogGaps);
        for (var i = 0; i < Hours.Length; i++)
        {
            Hours[i] += other.Hours[i];
        }

        ActiveDays |= other.ActiveDays;
        Ips.Merge(other.Ips);
        IpPrefixes.Merge(other.IpPrefixes);
        Asns.Merge(other.Asns);
        for (var i = 0; i < Networks.Length; i++)
        {
            Networks[i] += other.Networks[i];
        }

        EndUsers.Merge(other.EndUsers);
        if (other.Signup is { } s && (Signup is null || s > Signup))
        {
            Signup = s; // a campaign is as young as its youngest member
        }

        Plan ??= other.Plan;
        SubjectsMerged += other.SubjectsMerged;
        if (other.PeerWeight > PeerWeight)
        {
            PeerWeight = other.PeerWeight;
            PeerName = other.PeerName;
            PeerIndicator = other.PeerIndicator;
            PeerKind = other.PeerKind;
        }
    }

    /// <summary>An end user's counts when its account was first flagged and first judged <c>distillation</c>.</summary>
    internal sealed class AccountCover
    {
        public long ExchangesBeforeFlag { get; set; }

        public long OutputTokensBeforeFlag { get; set; }

        public long? ExchangesBeforeDistillation { get; set; }

        public long? OutputTokensBeforeDistillation { get; set; }
    }
}
