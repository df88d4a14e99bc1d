using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Tests.Stix;

public sealed class StixIdentifierTests
{
    [Fact]
    public void NameBased_Rfc9562DnsExample_MatchesPublishedUuid()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), StixIdentifier.NameBased(dns, "www.example.com"));
    }

    [Fact]
    public void ForObservable_Ipv4Value_MatchesOtherImplementations()
    {
        // uuid5(00abedb4-aa42-466c-9c01-fed23315a9b7, '{"value":"198.51.100.3"}'), as Python's uuid module computes it.
        Assert.Equal("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", StixIdentifier.ForObservable("ipv4-addr", [new("value", "198.51.100.3")]));
    }

    [Fact]
    public void ForObservable_PropertyOrder_DoesNotMatter()
    {
        Assert.Equal(
            StixIdentifier.ForObservable("x-llm-client-fingerprint", [new("fingerprint_type", "tls"), new("value", "ab")]),
            StixIdentifier.ForObservable("x-llm-client-fingerprint", [new("value", "ab"), new("fingerprint_type", "tls")]));
    }

    [Fact]
    public void CanonicalJson_SortsKeysAndEscapesControlCharacters()
    {
        Assert.Equal("{\"a\":\"x\\\"y\\u0001\",\"b\":\"\\n\"}", StixIdentifier.CanonicalJson([new("b", "\n"), new("a", "x\"y\u0001")]));
    }

    [Fact]
    public void ClientFingerprintObservable_Create_HasVersion5IdAndNewScoDeclaration()
    {
        var observable = ClientFingerprintObservable.Create(new ClientFingerprint(FingerprintType.Payment, new string('a', 64), 3), [TlpMarkings.AmberId]);

        Assert.True(StixIdentifier.TryParse(observable.Id, out var type, out var uuid));
        Assert.Equal("x-llm-client-fingerprint", type);
        Assert.Equal(5, StixIdentifier.Version(uuid));
        Assert.Equal(StixIdentifier.ForObservable(type, [new("fingerprint_type", "payment"), new("value", new string('a', 64))]), observable.Id);
    }

    [Fact]
    public void NewId_SeededRandom_Version4AndRepeatable()
    {
        var first = new StixIdGenerator(new Random(3));
        var second = new StixIdGenerator(new Random(3));

        var id = first.NewId("campaign");

        Assert.Equal(id, second.NewId("campaign"));
        Assert.True(StixIdentifier.TryParse(id, out _, out var uuid));
        Assert.Equal(4, StixIdentifier.Version(uuid));
        Assert.NotEqual(id, first.NewId("campaign"));
    }

    [Fact]
    public void NewId_Cryptographic_Version4()
    {
        Assert.True(StixIdentifier.TryParse(StixIdGenerator.CreateCryptographic().NewId("indicator"), out _, out var uuid));
        Assert.Equal(4, StixIdentifier.Version(uuid));
    }

    [Theory]
    [InlineData("campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", true)]
    [InlineData("campaign--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f", false)]
    [InlineData("campaign--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f", false)]
    [InlineData("Campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", false)]
    [InlineData("campaign-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", false)]
    [InlineData("campaign--8e2e2d2b17d44cbf938f98ee46b3cd3f", false)]
    [InlineData(null, false)]
    public void IsValid_Identifiers(string? id, bool valid)
    {
        Assert.Equal(valid, StixIdentifier.IsValid(id));
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00.123Z", "2026-11-20T10:00:00.123Z")]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T10:00:00.000Z")]
    [InlineData("2026-11-20T10:00:00.1234567891Z", "2026-11-20T10:00:00.1234567Z")]
    public void StixTimestamp_ParseAndFormat(string text, string formatted)
    {
        Assert.True(StixTimestamp.TryParse(text, out var value));
        Assert.Equal(formatted, StixTimestamp.Format(value));
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00.123+01:00")]
    [InlineData("2026-11-20 10:00:00Z")]
    [InlineData("2026-13-20T10:00:00Z")]
    [InlineData("")]
    public void StixTimestamp_NotUtcRfc3339_Rejected(string text)
    {
        Assert.False(StixTimestamp.TryParse(text, out _));
    }

    [Fact]
    public void StixTimestamp_Truncate_DropsSubMillisecondsAndConvertsToUtc()
    {
        var local = new DateTimeOffset(2026, 11, 20, 11, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(9999);

        Assert.Equal("2026-11-20T10:00:00.123Z", StixTimestamp.Format(StixTimestamp.Truncate(local)));
    }
}
