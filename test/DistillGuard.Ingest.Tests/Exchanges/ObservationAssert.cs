using DistillGuard.Core.Engine;

namespace DistillGuard.Ingest.Tests.Exchanges;

/// <summary>Compares two observations field by field: their client's headers and request's messages are compared by value.</summary>
internal static class ObservationAssert
{
    public static void Same(ExchangeObservation expected, ExchangeObservation actual)
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
        Assert.Equal(expected.Features, actual.Features);
    }
}
