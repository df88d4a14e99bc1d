using System.Text;
using DistillGuard.Core.Intelligence;
using DistillGuard.Sharing.Intelligence;
using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Sharing.Tests.Intelligence;

public sealed class PeerIndicatorIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly TrustGroupKey Epoch1 = new() { Epoch = 1, Key = Encoding.UTF8.GetBytes("epoch-one-key-of-the-trust-group-0123"), ActiveFrom = Now.AddDays(-100) };
    private static readonly TrustGroupKey Epoch2 = new() { Epoch = 2, Key = Encoding.UTF8.GetBytes("epoch-two-key-of-the-trust-group-4567"), ActiveFrom = Now.AddDays(-10) };

    [Fact]
    public void TryParse_SingleValueAndInList_ReadsTypeEpochAndValues()
    {
        Assert.True(IndicatorPattern.TryParse("[x-llm-client-fingerprint:fingerprint_type = 'payment' AND x-llm-client-fingerprint:value = 'AB12' AND x-llm-client-fingerprint:key_epoch = 3]", out var one));
        Assert.Equal(new[] { "ab12" }, one.Values);
        Assert.Equal((FingerprintType.Payment, 3), (one.Type, one.KeyEpoch));

        Assert.True(IndicatorPattern.TryParse("[x-llm-client-fingerprint:key_epoch = 1 AND x-llm-client-fingerprint:value IN ('a1', 'b2') AND x-llm-client-fingerprint:fingerprint_type = 'prompt_template']", out var many));
        Assert.Equal(new[] { "a1", "b2" }, many.Values);
    }

    [Theory]
    [InlineData("[ipv4-addr:value = '198.51.100.1']")]
    [InlineData("[x-llm-client-fingerprint:fingerprint_type = 'payment' OR x-llm-client-fingerprint:value = 'a']")]
    [InlineData("[x-llm-client-fingerprint:fingerprint_type = 'payment' AND x-llm-client-fingerprint:value = 'a']")]
    [InlineData("[x-llm-client-fingerprint:fingerprint_type = 'shoe_size' AND x-llm-client-fingerprint:value = 'a' AND x-llm-client-fingerprint:key_epoch = 1]")]
    [InlineData("[x-llm-client-fingerprint:fingerprint_type = 'payment' AND x-llm-client-fingerprint:value = 'a' AND x-llm-client-fingerprint:key_epoch = 1] WITHIN 5 SECONDS")]
    [InlineData("")]
    public void TryParse_NotOurPattern_IsRefused(string pattern) => Assert.False(IndicatorPattern.TryParse(pattern, out _));

    [Fact]
    public void Replace_CountsWhatItCannotParseAndWhatIsRevoked()
    {
        var index = Index(new FakeTimeProvider(Now));
        var load = index.Replace([
            Received(Pattern(FingerprintType.Payment, Epoch2, "pf_1")),
            new ReceivedIndicator("peer-a", Indicator("[ipv4-addr:value = '198.51.100.1']")),
            new ReceivedIndicator("peer-a", Indicator(Pattern(FingerprintType.Payment, Epoch2, "pf_2")) with { Revoked = true }),
        ]);

        Assert.Equal((1, 1, 1), (load.Indexed, load.Unparsed, load.Revoked));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void TryMatch_RawValueOfAnIndicator_MatchesWithConfidenceAndPeer()
    {
        var index = Index(new FakeTimeProvider(Now));
        index.Replace([Received(Pattern(FingerprintType.Payment, Epoch2, "pf_campaign"), confidence: 90)]);

        Assert.True(index.TryMatch(PeerFingerprintKind.Payment, "pf_campaign", Now, out var match));
        Assert.Equal("peer-a", match.Peer);
        Assert.Equal(0.9, match.Weight, 9);
        Assert.StartsWith("indicator--", match.IndicatorId, StringComparison.Ordinal);
        Assert.False(index.TryMatch(PeerFingerprintKind.Payment, "pf_innocent", Now, out _));
        Assert.False(index.TryMatch(PeerFingerprintKind.Tls, "pf_campaign", Now, out _));
        Assert.Equal(1, Assert.Single(index.Sightings()).Count);
    }

    [Fact]
    public void TryMatch_AgeOfOneHalfLife_HalvesTheWeightAndNoConfidenceMeansFifty()
    {
        var index = Index(new FakeTimeProvider(Now));
        index.Replace([Received(Pattern(FingerprintType.Payment, Epoch2, "pf_campaign"), confidence: null)]);

        Assert.True(index.TryMatch(PeerFingerprintKind.Payment, "pf_campaign", Now.AddDays(30), out var match));

        Assert.Equal(0.25, match.Weight, 9);
    }

    [Fact]
    public void TryMatch_AfterValidUntil_DoesNotMatch()
    {
        var index = Index(new FakeTimeProvider(Now));
        index.Replace([new ReceivedIndicator("peer-a", Indicator(Pattern(FingerprintType.Payment, Epoch2, "pf_campaign")) with { ValidUntil = Now.AddDays(5) })]);

        Assert.True(index.TryMatch(PeerFingerprintKind.Payment, "pf_campaign", Now.AddDays(4), out _));
        Assert.False(index.TryMatch(PeerFingerprintKind.Payment, "pf_campaign", Now.AddDays(6), out _));
    }

    [Fact]
    public void TryMatch_OlderEpoch_MatchesDuringTheOverlapOnly()
    {
        var clock = new FakeTimeProvider(Now);
        var index = Index(clock);
        index.Replace([Received(Pattern(FingerprintType.Payment, Epoch1, "pf_old"))]);

        Assert.True(index.TryMatch(PeerFingerprintKind.Payment, "pf_old", Now, out _));
        clock.Advance(TimeSpan.FromDays(25));
        Assert.False(index.TryMatch(PeerFingerprintKind.Payment, "pf_old", Now, out _));
    }

    [Fact]
    public void TryMatch_ProxyAddressAndTemplateSkeleton_MatchTheirPseudonyms()
    {
        var index = Index(new FakeTimeProvider(Now));
        var ring = new PseudonymKeyRing([Epoch1, Epoch2], new FakeTimeProvider(Now));
        var template = ring.PseudonymiseTemplate(new HashSet<ulong> { 0x0123456789abcdefUL });
        index.Replace([
            Received(Pattern(FingerprintType.ProxyPrefix, Epoch2, "203.0.113.77")),
            new ReceivedIndicator("peer-b", Indicator($"[x-llm-client-fingerprint:fingerprint_type = 'prompt_template' AND x-llm-client-fingerprint:value IN ({string.Join(", ", template.Bands.Select(b => $"'{b}'"))}) AND x-llm-client-fingerprint:key_epoch = 2]")),
        ]);

        Assert.True(index.TryMatch(PeerFingerprintKind.ProxyPrefix, "203.0.113.5", Now, out var proxy));
        Assert.Equal("peer-a", proxy.Peer);
        Assert.False(index.TryMatch(PeerFingerprintKind.ProxyPrefix, "203.0.114.5", Now, out _));
        Assert.True(index.TryMatch(PeerFingerprintKind.PromptTemplate, "0123456789abcdef", Now, out var prompt));
        Assert.Equal("peer-b", prompt.Peer);
    }

    [Fact]
    public void Replace_NewerVersion_WinsAndTheRunningIndexSeesIt()
    {
        var index = Index(new FakeTimeProvider(Now));
        var first = Indicator(Pattern(FingerprintType.Payment, Epoch2, "pf_campaign"));
        index.Replace([new ReceivedIndicator("peer-a", first)]);
        Assert.True(index.TryMatch(PeerFingerprintKind.Payment, "pf_campaign", Now, out _));

        index.Replace([new ReceivedIndicator("peer-a", first), new ReceivedIndicator("peer-a", first with { Modified = Now.AddHours(1), Revoked = true })]);

        Assert.False(index.TryMatch(PeerFingerprintKind.Payment, "pf_campaign", Now, out _));
    }

    private static PeerIndicatorIndex Index(TimeProvider clock) =>
        new([Epoch1, Epoch2], clock, new PeerIndicatorIndexOptions { KeyRing = new PseudonymKeyRingOptions { OverlapWindow = TimeSpan.FromDays(30) } });

    private static string Pattern(FingerprintType type, TrustGroupKey key, string raw)
    {
        var value = new PseudonymKeyRing([key], new FakeTimeProvider(key.ActiveFrom)).Pseudonymise(type, raw).Value;
        return $"[x-llm-client-fingerprint:fingerprint_type = '{type.Name()}' AND x-llm-client-fingerprint:value = '{value}' AND x-llm-client-fingerprint:key_epoch = {key.Epoch}]";
    }

    private static ReceivedIndicator Received(string pattern, int? confidence = 80) =>
        new("peer-a", Indicator(pattern) with { Confidence = confidence });

    private static StixIndicator Indicator(string pattern) => new()
    {
        Id = "indicator--" + Guid.NewGuid().ToString("D"),
        Created = Now,
        Modified = Now,
        Pattern = pattern,
        ValidFrom = Now,
    };
}
