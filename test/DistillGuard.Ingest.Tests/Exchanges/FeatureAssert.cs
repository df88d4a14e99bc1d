using DistillGuard.Core.Engine;
using DistillGuard.Core.Features;

namespace DistillGuard.Ingest.Tests.Exchanges;

/// <summary>Compares two sets of exchange features, or two observations, field by field.</summary>
internal static class FeatureAssert
{
    public static void Same(ExchangeFeatures expected, ExchangeFeatures actual)
    {
        Assert.Equal(expected.IdHash, actual.IdHash);
        Assert.Equal(expected.PromptHash, actual.PromptHash);
        Assert.Equal(expected.PrefixSkeleton, actual.PrefixSkeleton);
        Assert.Equal(expected.SuffixSkeleton, actual.SuffixSkeleton);
        Assert.Equal(expected.Coercion, actual.Coercion);
        Assert.Equal(expected.CoercionQuote, actual.CoercionQuote);
        Assert.Equal(expected.Topic, actual.Topic);
        Assert.Equal(expected.Benchmark, actual.Benchmark);
        Assert.Equal(expected.UserTurns, actual.UserTurns);
        Assert.Equal(expected.ModelHash, actual.ModelHash);
        Assert.Equal(expected.IpHash, actual.IpHash);
        Assert.Equal(expected.IpPrefixHash, actual.IpPrefixHash);
    }

    public static void SameObservation(ExchangeObservation expected, ExchangeObservation actual)
    {
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Timestamp.Offset, actual.Timestamp.Offset);
        Assert.Equal(expected.IdHash, actual.IdHash);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.EndUserId, actual.EndUserId);

        // Headers are a dictionary, which record equality compares by reference.
        Assert.Equal(expected.Client?.Headers?.OrderBy(h => h.Key), actual.Client?.Headers?.OrderBy(h => h.Key));
        Assert.Equal(expected.Client is null ? null : expected.Client with { Headers = null }, actual.Client is null ? null : actual.Client with { Headers = null });
        Assert.Equal(expected.Billing, actual.Billing);
        Assert.Equal(expected.Request with { Messages = [] }, actual.Request with { Messages = [] });
        Assert.Equal(expected.CompletionTokens, actual.CompletionTokens);
        Assert.Equal(expected.ReasoningTokens, actual.ReasoningTokens);
        Same(expected.Features, actual.Features);
    }
}
