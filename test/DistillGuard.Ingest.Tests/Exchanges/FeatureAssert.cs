using DistillGuard.Core.Features;

namespace DistillGuard.Ingest.Tests.Exchanges;

/// <summary>Compares two sets of exchange features field by field.</summary>
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
}
