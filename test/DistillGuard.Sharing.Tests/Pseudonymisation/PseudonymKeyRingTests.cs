using DistillGuard.Sharing.Pseudonymisation;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Sharing.Tests.Pseudonymisation;

public sealed class PseudonymKeyRingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pseudonymise_SameValueSameKey_SamePseudonymAfterNormalisation()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());

        var first = ring.Pseudonymise(FingerprintType.Payment, "pm_fp_7Qx9LmN2CardA");
        var second = ring.Pseudonymise(FingerprintType.Payment, "  PM_FP_7QX9LMN2CARDA ");

        Assert.Equal(first, second);
        Assert.Equal(3, first.KeyEpoch);
        Assert.Matches("^[0-9a-f]{64}$", first.Value);
    }

    [Fact]
    public void Pseudonymise_DifferentKey_DifferentPseudonym()
    {
        var time = CampaignFixture.Time();

        var ours = CampaignFixture.KeyRing(time).Pseudonymise(FingerprintType.Payment, CampaignFixture.Payment);
        var theirs = CampaignFixture.KeyRing(time, secret: "another-group").Pseudonymise(FingerprintType.Payment, CampaignFixture.Payment);

        Assert.NotEqual(ours.Value, theirs.Value);
    }

    [Fact]
    public void Pseudonymise_SameTextOfDifferentTypes_DifferentPseudonyms()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());

        Assert.NotEqual(ring.Pseudonymise(FingerprintType.Payment, "example.com").Value, ring.Pseudonymise(FingerprintType.EmailDomain, "example.com").Value);
    }

    [Fact]
    public void Pseudonymise_NotAPlainHash()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("proxy_prefix\n203.0.113.0/24"u8));

        Assert.NotEqual(plain, ring.Pseudonymise(FingerprintType.ProxyPrefix, "203.0.113.57").Value);
    }

    [Fact]
    public void Pseudonymise_PromptTemplateText_Throws()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());

        Assert.Throws<ArgumentException>(() => ring.Pseudonymise(FingerprintType.PromptTemplate, CampaignFixture.TemplateText));
    }

    [Fact]
    public void CurrentKey_NewerKeyBecomesActive_Rotates()
    {
        var time = new FakeTimeProvider(Start.AddDays(5));
        var ring = Ring(time);
        Assert.Equal(1, ring.CurrentKey.Epoch);

        time.Advance(TimeSpan.FromDays(10));

        Assert.Equal(2, ring.CurrentKey.Epoch);
        Assert.Equal(2, ring.Pseudonymise(FingerprintType.Tls, "t13d1516h2 curl/8").KeyEpoch);
    }

    [Fact]
    public void Matches_OldEpochDuringOverlap_TrueAndAfterOverlap_False()
    {
        var time = new FakeTimeProvider(Start.AddDays(5));
        var ring = Ring(time);
        var old = ring.Pseudonymise(FingerprintType.Payment, CampaignFixture.Payment);
        Assert.Equal(1, old.KeyEpoch);

        time.SetUtcNow(Start.AddDays(10 + 29));
        Assert.True(ring.Matches(old, CampaignFixture.Payment));
        Assert.Equal([1, 2], ring.AcceptedEpochs);

        time.SetUtcNow(Start.AddDays(10 + 30));
        Assert.False(ring.Matches(old, CampaignFixture.Payment));
        Assert.False(ring.IsAccepted(1));
        Assert.Equal([2], ring.AcceptedEpochs);
    }

    [Fact]
    public void Matches_EpochNotYetActiveOrUnknown_False()
    {
        var time = new FakeTimeProvider(Start.AddDays(5));
        var ring = Ring(time);
        var future = new PseudonymKeyRing([Key(2, Start)], time).Pseudonymise(FingerprintType.Payment, CampaignFixture.Payment);

        Assert.False(ring.Matches(future, CampaignFixture.Payment));
        Assert.False(ring.Matches(FingerprintType.Payment, CampaignFixture.Payment, future.Value, 9));
    }

    [Fact]
    public void Matches_OtherValue_False()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());
        var shared = ring.Pseudonymise(FingerprintType.Payment, CampaignFixture.Payment);

        Assert.True(ring.Matches(shared, CampaignFixture.Payment));
        Assert.False(ring.Matches(shared, CampaignFixture.SecondPayment));
        Assert.False(ring.Matches(shared with { Type = FingerprintType.Tls }, CampaignFixture.Payment));
    }

    [Theory]
    [InlineData("203.0.113.57", "203.0.113.0/24")]
    [InlineData(" 203.0.113.201@493828 ", "203.0.113.0/24")]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.0/24")]
    [InlineData("2001:DB8:ABCD:12:A1B2::7", "2001:db8:abcd:12::/64")]
    [InlineData("2001:db8:abcd:12:ffff:ffff:ffff:ffff@493827", "2001:db8:abcd:12::/64")]
    [InlineData("[2001:db8::1]", "2001:db8::/64")]
    public void Normalise_ProxyAddress_ReducedToItsPrefix(string raw, string expected)
    {
        Assert.Equal(expected, FingerprintNormaliser.Normalise(FingerprintType.ProxyPrefix, raw));
    }

    [Fact]
    public void Pseudonymise_AddressesOfOnePrefix_SamePseudonym()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());

        Assert.Equal(ring.Pseudonymise(FingerprintType.ProxyPrefix, "203.0.113.1"), ring.Pseudonymise(FingerprintType.ProxyPrefix, "203.0.113.254@1"));
        Assert.NotEqual(ring.Pseudonymise(FingerprintType.ProxyPrefix, "203.0.113.1"), ring.Pseudonymise(FingerprintType.ProxyPrefix, "203.0.112.1"));
        Assert.Equal(ring.Pseudonymise(FingerprintType.ProxyPrefix, "2001:db8:0:1::1"), ring.Pseudonymise(FingerprintType.ProxyPrefix, "2001:db8:0:1:8000::2"));
        Assert.NotEqual(ring.Pseudonymise(FingerprintType.ProxyPrefix, "2001:db8:0:1::1"), ring.Pseudonymise(FingerprintType.ProxyPrefix, "2001:db8:0:2::1"));
    }

    [Theory]
    [InlineData(FingerprintType.ProxyPrefix, "not-an-address")]
    [InlineData(FingerprintType.ProxyPrefix, "")]
    [InlineData(FingerprintType.Payment, "   ")]
    [InlineData(FingerprintType.EmailDomain, "alice@")]
    public void TryNormalise_InvalidValue_False(FingerprintType type, string raw)
    {
        Assert.False(FingerprintNormaliser.TryNormalise(type, raw, out _));
        Assert.Throws<ArgumentException>(() => FingerprintNormaliser.Normalise(type, raw));
    }

    [Theory]
    [InlineData("Harvest-Labs.Example", "harvest-labs.example")]
    [InlineData(" alice@Harvest-Labs.Example. ", "harvest-labs.example")]
    public void Normalise_EmailDomain_LowerCaseWithoutLocalPart(string raw, string expected)
    {
        Assert.Equal(expected, FingerprintNormaliser.Normalise(FingerprintType.EmailDomain, raw));
    }

    [Fact]
    public void PseudonymiseTemplate_Paraphrase_SharesABandAndMatches()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());

        var original = ring.PseudonymiseTemplate(CampaignFixture.TemplateText);
        var paraphrase = ring.PseudonymiseTemplate(CampaignFixture.ParaphrasedTemplate);

        Assert.Equal(PseudonymKeyRing.TemplateBands, original.Bands.Count);
        Assert.True(original.SharesBandWith(paraphrase));
        Assert.Contains(original.Bands, b => ring.Matches(FingerprintType.PromptTemplate, CampaignFixture.ParaphrasedTemplate, b, original.KeyEpoch));
    }

    [Fact]
    public void PseudonymiseTemplate_UnrelatedTemplate_SharesNoBand()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());

        var original = ring.PseudonymiseTemplate(CampaignFixture.TemplateText);
        var unrelated = ring.PseudonymiseTemplate(CampaignFixture.UnrelatedTemplate);

        Assert.False(original.SharesBandWith(unrelated));
        Assert.DoesNotContain(original.Bands, b => ring.Matches(FingerprintType.PromptTemplate, CampaignFixture.UnrelatedTemplate, b, original.KeyEpoch));
    }

    [Fact]
    public void PseudonymiseTemplate_DifferentKey_SharesNoBand()
    {
        var time = CampaignFixture.Time();

        var ours = CampaignFixture.KeyRing(time).PseudonymiseTemplate(CampaignFixture.TemplateText);
        var theirs = CampaignFixture.KeyRing(time, secret: "another-group").PseudonymiseTemplate(CampaignFixture.TemplateText);

        Assert.Empty(ours.Bands.Intersect(theirs.Bands));
    }

    [Fact]
    public void PseudonymiseTemplate_NoWords_Throws()
    {
        var ring = CampaignFixture.KeyRing(CampaignFixture.Time());

        Assert.Throws<ArgumentException>(() => ring.PseudonymiseTemplate(" ... !!! "));
    }

    [Fact]
    public void Constructor_ShortKey_Throws()
    {
        var shortKey = new TrustGroupKey { Epoch = 1, Key = new byte[16], ActiveFrom = Start };

        Assert.Throws<ArgumentException>(() => new PseudonymKeyRing([shortKey], TimeProvider.System));
    }

    [Fact]
    public void Constructor_EpochsOutOfOrder_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PseudonymKeyRing([Key(2, Start), Key(1, Start.AddDays(1))], TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new PseudonymKeyRing([], TimeProvider.System));
    }

    [Fact]
    public void CurrentKey_NoKeyActiveYet_Throws()
    {
        var ring = new PseudonymKeyRing([Key(1, Start)], new FakeTimeProvider(Start.AddDays(-1)));

        Assert.Throws<InvalidOperationException>(() => ring.CurrentKey);
    }

    private static TrustGroupKey Key(int epoch, DateTimeOffset activeFrom) => CampaignFixture.Key(epoch, activeFrom);

    private static PseudonymKeyRing Ring(TimeProvider time) => new([Key(1, Start), Key(2, Start.AddDays(10))], time);
}
