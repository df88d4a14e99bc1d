using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.State;

// The checkpoint form of a subject's state (part of DetectionEngine.WriteCheckpoint).
public sealed partial class SubjectState
{
    private SubjectState(
        SubjectKey key,
        SpaceSaving skeletons,
        HyperLogLog prompts,
        HyperLogLog promptModels,
        HyperLogLog ips,
        HyperLogLog ipPrefixes,
        HyperLogLog asns,
        HyperLogLog endUsers)
        : this(key)
    {
        Skeletons = skeletons;
        Prompts = prompts;
        PromptModels = promptModels;
        Ips = ips;
        IpPrefixes = ipPrefixes;
        Asns = asns;
        EndUsers = endUsers;
    }

    /// <summary>
    /// Writes every field: the key, the sketches, the counters, the arrays (each with its length), then the judgment.
    /// </summary>
    internal void WriteCheckpoint(CheckpointWriter writer)
    {
        writer.WriteString(Key.AccountId);
        writer.WriteString(Key.EndUserId);
        writer.WriteSketch(Skeletons);
        writer.WriteSketch(Prompts);
        writer.WriteSketch(PromptModels);
        writer.WriteSketch(Ips);
        writer.WriteSketch(IpPrefixes);
        writer.WriteSketch(Asns);
        writer.WriteSketch(EndUsers);
        writer.WriteSketch(LogGaps);

        writer.WriteInt64(Exchanges);
        writer.WriteDateTimeOffset(FirstSeen);
        writer.WriteDateTimeOffset(LastSeen);
        writer.WriteInt64(LastTicks);
        writer.WriteUInt64(ActiveDays);
        writer.WriteInt32s(Topics);
        writer.WriteInt32s(Hours);
        writer.WriteInt32s(Networks);
        writer.WriteInt32(CoercionStrong);
        writer.WriteString(writer.WritesQuotes ? CoercionQuote : null);
        writer.WriteInt32(SkeletonEligible);
        writer.WriteInt32(TopicKnown);
        writer.WriteInt32(BenchmarkItems);
        writer.WriteInt32(MultiTurn);
        writer.WriteInt32(MultipleChoices);
        writer.WriteInt32(LogprobsLong);
        writer.WriteInt32(HighBudget);
        writer.WriteInt32(HighEffort);
        writer.WriteInt64(CompletionTokens);
        writer.WriteInt64(ReasoningTokens);
        writer.WriteOptionalDateTimeOffset(Signup);
        writer.WriteString(Plan);
        writer.WriteInt32(Fingerprinted);
        writer.WriteInt32(NearDuplicates);
        writer.WriteInt32(ElicitedFollowUps);
        writer.WriteInt64(FirstTurnOutput);
        writer.WriteInt64(FollowUpOutput);
        writer.WriteInt32(ToolResultExchanges);
        writer.WriteSketch(ToolResults);

        writer.WriteDouble(Score);
        writer.WriteByte((byte)Verdict);
        writer.WriteDouble(CampaignScore);
        writer.WriteString(CampaignId);
        writer.WriteOptionalDateTimeOffset(FirstFlaggedAt);
        writer.WriteOptionalInt64(ExchangesBeforeFlag);
        writer.WriteInt32(FlaggedEndUsers);
        writer.WriteBoolean(CountedAgainstAccount);
        writer.WriteInt32(SubjectsMerged);
        writer.WriteString(PivotModel);
        writer.WriteOptionalInt64(PivotLag?.Ticks);
        writer.WriteDouble(PeerWeight);
        writer.WriteString(PeerName);
        writer.WriteString(PeerIndicator);
        writer.WriteString(PeerKind);

        writer.WriteInt64(VisibleOutputTokens);
        writer.WriteOptionalInt64(OutputTokensBeforeFlag);
        writer.WriteOptionalDateTimeOffset(FirstDistillationAt);
        writer.WriteOptionalInt64(ExchangesBeforeDistillation);
        writer.WriteOptionalInt64(OutputTokensBeforeDistillation);
        writer.WriteOptionalInt64(Cover?.ExchangesBeforeFlag);
        writer.WriteOptionalInt64(Cover?.OutputTokensBeforeFlag);
        writer.WriteOptionalInt64(Cover?.ExchangesBeforeDistillation);
        writer.WriteOptionalInt64(Cover?.OutputTokensBeforeDistillation);

        writer.WriteInt32(SharedSystemStrong);
        writer.WriteInt32(SystemOnlyStrong);
        writer.WriteInt32(OtherSharedStrong);
        writer.WriteUInt64(SystemOnlyHash);
        writer.WriteBoolean(SystemShared);
        writer.WriteUInt64(SystemHalvesTaken);
        writer.WriteBoolean(SharedSystems is not null);
        if (SharedSystems is not null)
        {
            writer.WriteSketch(SharedSystems);
        }
    }

    /// <summary>Reads a state written by <see cref="WriteCheckpoint"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a state this build can use.</exception>
    internal static SubjectState ReadCheckpoint(ref CheckpointReader reader)
    {
        var key = new SubjectKey(reader.ReadString("an account id"), reader.ReadOptionalString("an end-user id"));
        var skeletons = reader.ReadSketch<SpaceSaving>();
        var prompts = ReadHyperLogLog(ref reader, PromptPrecision, "prompts");
        var promptModels = ReadHyperLogLog(ref reader, PromptPrecision, "prompt-model pairs");
        var ips = ReadHyperLogLog(ref reader, AddressPrecision, "addresses");
        var ipPrefixes = ReadHyperLogLog(ref reader, AddressPrecision, "address prefixes");
        var asns = ReadHyperLogLog(ref reader, AsnPrecision, "ASNs");
        var endUsers = ReadHyperLogLog(ref reader, EndUserPrecision, "end users");
        if (skeletons.Capacity != SkeletonCapacity)
        {
            throw reader.Invalid($"{key}'s prompt skeletons are a capacity-{skeletons.Capacity} summary; this build uses {SkeletonCapacity}");
        }

        var state = new SubjectState(key, skeletons, prompts, promptModels, ips, ipPrefixes, asns, endUsers)
        {
            LogGaps = reader.ReadSketch<RunningStats>(),
            Exchanges = reader.ReadInt64(),
            FirstSeen = reader.ReadDateTimeOffset(),
            LastSeen = reader.ReadDateTimeOffset(),
            LastTicks = reader.ReadInt64(),
            ActiveDays = reader.ReadUInt64(),
        };

        reader.ReadInt32s(state.Topics, "the topic histogram");
        reader.ReadInt32s(state.Hours, "the hour-of-day histogram");
        reader.ReadInt32s(state.Networks, "the network-type histogram");
        state.CoercionStrong = reader.ReadInt32();
        state.CoercionQuote = reader.ReadOptionalString("a coercion quote");
        state.SkeletonEligible = reader.ReadInt32();
        state.TopicKnown = reader.ReadInt32();
        state.BenchmarkItems = reader.ReadInt32();
        state.MultiTurn = reader.ReadInt32();
        state.MultipleChoices = reader.ReadInt32();
        state.LogprobsLong = reader.ReadInt32();
        state.HighBudget = reader.ReadInt32();
        state.HighEffort = reader.ReadInt32();
        state.CompletionTokens = reader.ReadInt64();
        state.ReasoningTokens = reader.ReadInt64();
        state.Signup = reader.ReadOptionalDateTimeOffset();
        state.Plan = reader.ReadOptionalString("a plan");
        state.Fingerprinted = reader.ReadInt32();
        state.NearDuplicates = reader.ReadInt32();
        state.ElicitedFollowUps = reader.ReadInt32();
        state.FirstTurnOutput = reader.ReadInt64();
        state.FollowUpOutput = reader.ReadInt64();
        state.ToolResultExchanges = reader.ReadInt32();
        state.ToolResults.Merge(ReadHyperLogLog(ref reader, ToolResultPrecision, "tool results")); // into an empty sketch: a copy

        state.Score = reader.ReadDouble();
        var verdict = reader.ReadByte();
        state.Verdict = verdict <= (byte)Verdict.Distillation ? (Verdict)verdict : throw reader.Invalid($"{key} has verdict {verdict}");
        state.CampaignScore = reader.ReadDouble();
        state.CampaignId = reader.ReadOptionalString("a campaign id");
        state.PublishJudgment();
        state.FirstFlaggedAt = reader.ReadOptionalDateTimeOffset();
        state.ExchangesBeforeFlag = reader.ReadOptionalInt64();
        state.FlaggedEndUsers = reader.ReadInt32();
        state.CountedAgainstAccount = reader.ReadBoolean();
        state.SubjectsMerged = reader.ReadInt32();
        state.PivotModel = reader.ReadOptionalString("a pivot model");
        state.PivotLag = reader.ReadOptionalInt64() is { } lag ? TimeSpan.FromTicks(lag) : null;
        state.PeerWeight = reader.ReadDouble();
        state.PeerName = reader.ReadOptionalString("a peer name");
        state.PeerIndicator = reader.ReadOptionalString("a peer indicator");
        state.PeerKind = reader.ReadOptionalString("a peer fingerprint kind");
        if (state.PeerWeight is < 0 or > 1 || double.IsNaN(state.PeerWeight))
        {
            throw reader.Invalid($"{key} has a peer weight of {state.PeerWeight}");
        }

        state.VisibleOutputTokens = reader.ReadInt64();
        state.OutputTokensBeforeFlag = reader.ReadOptionalInt64();
        state.FirstDistillationAt = reader.ReadOptionalDateTimeOffset();
        state.ExchangesBeforeDistillation = reader.ReadOptionalInt64();
        state.OutputTokensBeforeDistillation = reader.ReadOptionalInt64();
        var coverExchanges = reader.ReadOptionalInt64();
        var coverTokens = reader.ReadOptionalInt64();
        var coverDistillationExchanges = reader.ReadOptionalInt64();
        var coverDistillationTokens = reader.ReadOptionalInt64();
        if (coverExchanges is { } exchanges && coverTokens is { } tokens)
        {
            state.Cover = new AccountCover
            {
                ExchangesBeforeFlag = exchanges,
                OutputTokensBeforeFlag = tokens,
                ExchangesBeforeDistillation = coverDistillationExchanges,
                OutputTokensBeforeDistillation = coverDistillationTokens,
            };
        }
        else if (coverExchanges is not null || coverTokens is not null || coverDistillationExchanges is not null || coverDistillationTokens is not null)
        {
            throw reader.Invalid($"{key} has a partial record of its account's verdicts");
        }

        state.SharedSystemStrong = reader.ReadInt32();
        state.SystemOnlyStrong = reader.ReadInt32();
        state.OtherSharedStrong = reader.ReadInt32();
        state.SystemOnlyHash = reader.ReadUInt64();
        state.SystemShared = reader.ReadBoolean();
        state.SystemHalvesTaken = reader.ReadUInt64();
        state.SharedSystems = reader.ReadBoolean() ? reader.ReadSketch<SpaceSaving>() : null;
        if (state.SharedSystemStrong < 0 || state.SystemOnlyStrong < 0 || state.OtherSharedStrong < 0
            || (long)state.SharedSystemStrong + state.SystemOnlyStrong + state.OtherSharedStrong > state.CoercionStrong)
        {
            throw reader.Invalid($"{key} has {state.SharedSystemStrong} + {state.SystemOnlyStrong} + {state.OtherSharedStrong} system-prompt coercions of {state.CoercionStrong}");
        }

        if (state.SharedSystems is { Capacity: not SharedSystemCapacity })
        {
            throw reader.Invalid($"{key} follows {state.SharedSystems.Capacity} system prompts; this build follows {SharedSystemCapacity}");
        }

        return state;
    }

    private static HyperLogLog ReadHyperLogLog(ref CheckpointReader reader, int precision, string what)
    {
        var sketch = reader.ReadSketch<HyperLogLog>();
        return sketch.Precision == precision
            ? sketch
            : throw reader.Invalid($"the sketch of {what} has precision {sketch.Precision}; this build uses {precision}");
    }
}
