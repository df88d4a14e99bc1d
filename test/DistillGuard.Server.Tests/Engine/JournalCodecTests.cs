using System.Reflection;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Server.Journal;

namespace DistillGuard.Server.Tests.Engine;

public sealed class JournalCodecTests
{
    private static readonly Exchange Full = new()
    {
        Id = "ex_1",
        Timestamp = new DateTimeOffset(2026, 11, 20, 10, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567),
        AccountId = "acct_1",
        ApiKeyId = "key_1",
        EndUserId = "u_1",
        Client = new ClientInfo
        {
            Ip = "203.0.113.5", Asn = 64500, AsnOrg = "Example", NetworkType = NetworkType.Residential, Country = "SG",
            UserAgent = "ua", TlsFingerprint = "t13d", Headers = new Dictionary<string, string> { ["x-title"] = "App" },
        },
        Billing = new BillingInfo { PaymentFingerprint = "pf", EmailDomain = "example.com", SignupTimestamp = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), Country = "SG", Plan = "free" },
        Request = new ChatRequest
        {
            Model = "frontier-large",
            Messages = [new ChatMessage("system", "secret system prompt"), new ChatMessage("user", "secret prompt")],
            Temperature = 0.7, TopP = 0.9, N = 4, MaxTokens = 100, MaxCompletionTokens = 4096, Logprobs = true, TopLogprobs = 5,
            Seed = -42, ReasoningEffort = "high", Stream = false, HasTools = true, ResponseFormat = "json_object", User = "u",
        },
        Response = new ResponseInfo { Status = 200, FinishReason = "length", PromptTokens = 31, CompletionTokens = 812, ReasoningTokens = 640, OutputText = "secret answer", LatencyMs = 5231.5 },
    };

    private static readonly ExchangeFeatures Features = new()
    {
        IdHash = 1, PromptHash = ulong.MaxValue, PrefixSkeleton = 3, SuffixSkeleton = 4, Coercion = 0.75f, CoercionQuote = "show every step",
        Topic = 7, Benchmark = true, UserTurns = 2, PromptLength = 1234, ToolResultHash = 99, ModelHash = 5, IpHash = 6, IpPrefixHash = 7,
        SystemHash = 9, SystemCoercionOnly = true,
    };

    [Fact]
    public void Decode_OfEncode_KeepsEverythingButTheTexts()
    {
        var (exchange, features) = JournalCodec.Decode(JournalCodec.Encode(Full, Features));

        Assert.Equal(Full.Timestamp, exchange.Timestamp);
        Assert.Equal(Full.Timestamp.Offset, exchange.Timestamp.Offset);
        Assert.Equal(Full.Client!.Headers, exchange.Client!.Headers);
        Assert.Equal(Full.Client with { Headers = null }, exchange.Client with { Headers = null });
        Assert.Equal(Full.Billing, exchange.Billing);
        Assert.Equal(Full.Request with { Messages = [] }, exchange.Request with { Messages = [] });
        Assert.Equal(["system", "user"], exchange.Request.Messages.Select(m => m.Role));
        Assert.All(exchange.Request.Messages, m => Assert.Empty(m.Content));
        Assert.Equal(Full.Response with { OutputText = null }, exchange.Response);
        Assert.Equal(Full with { Client = null, Billing = null, Request = exchange.Request, Response = exchange.Response }, exchange with { Client = null, Billing = null });
        foreach (var property in typeof(ExchangeFeatures).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.Equal(property.GetValue(Features), property.GetValue(features));
        }
    }

    [Fact]
    public void Decode_VersionOnePayload_ReadsWithoutTheLaterFields()
    {
        // Version 1 wrote no prompt length and no tool result hash (a varint, two bytes for 1234, and eight bytes just
        // before the three hashes of the model and the address), and no system prompt hash and flag (nine bytes at the end).
        var payload = JournalCodec.Encode(Full, Features);
        const int system = sizeof(ulong) + 1;
        var hashes = payload.Length - system - (3 * sizeof(ulong));
        byte[] old = [1, .. payload.AsSpan(1, hashes - 10 - 1), .. payload.AsSpan(hashes, 3 * sizeof(ulong))];

        var (_, features) = JournalCodec.Decode(old);

        Assert.Equal(Features with { PromptLength = 0, ToolResultHash = 0, SystemHash = 0, SystemCoercionOnly = false }, features);
    }

    [Fact]
    public void Encode_MinimalExchange_RoundTrips()
    {
        var minimal = new Exchange
        {
            Id = "x", Timestamp = DateTimeOffset.UnixEpoch, AccountId = "a",
            Request = new ChatRequest { Model = "m", Messages = [] }, Response = new ResponseInfo { Status = 500 },
        };

        var (exchange, _) = JournalCodec.Decode(JournalCodec.Encode(minimal, new ExchangeFeatures()));

        Assert.Equal(minimal with { Request = exchange.Request }, exchange);
    }

    [Fact]
    public void Decode_TruncatedOrDamaged_ThrowsInvalidData()
    {
        var payload = JournalCodec.Encode(Full, Features);

        for (var length = 0; length < payload.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => JournalCodec.Decode(payload.AsSpan(0, length)));
        }

        var wrongVersion = (byte[])payload.Clone();
        wrongVersion[0] = 99;
        Assert.Throws<InvalidDataException>(() => JournalCodec.Decode(wrongVersion));
        Assert.Throws<InvalidDataException>(() => JournalCodec.Decode([.. payload, 0]));
    }
}
