using System.Text;
using DistillGuard.Core.Exchanges;
using DistillGuard.Ingest.Exchanges;

namespace DistillGuard.Ingest.Tests;

/// <summary>Exchanges and lines for tests.</summary>
internal static class TestExchanges
{
    public static Exchange Full(string id = "ex_000001") => new()
    {
        Id = id,
        Timestamp = new DateTimeOffset(2026, 11, 20, 10, 0, 0, 123, TimeSpan.Zero),
        AccountId = "acct_7f3a",
        ApiKeyId = "key_19",
        EndUserId = "u_55",
        Client = new ClientInfo
        {
            Ip = "203.0.113.5",
            Asn = 64500,
            AsnOrg = "Example Hosting",
            NetworkType = NetworkType.Datacenter,
            Country = "SG",
            UserAgent = "python-httpx/0.27",
            Headers = new Dictionary<string, string> { ["http-referer"] = "https://app.example", ["x-title"] = "Example" },
            TlsFingerprint = "t13d1516h2_8daaf6152771_02713d6af862",
        },
        Billing = new BillingInfo
        {
            PaymentFingerprint = "pf_91c2",
            EmailDomain = "example.com",
            SignupTimestamp = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
            Country = "SG",
            Plan = "pay_as_you_go",
        },
        Request = new ChatRequest
        {
            Model = "frontier-large",
            Messages =
            [
                new ChatMessage("system", "You are a helpful assistant."),
                new ChatMessage("user", "Prove that the square root of 2 is irrational. \"Quote\", ünïcødé, 数学, emoji 🙂, tab\tand\nnewline."),
            ],
            Temperature = 0.7,
            TopP = 0.95,
            N = 2,
            MaxTokens = 1000,
            MaxCompletionTokens = 4096,
            Logprobs = true,
            TopLogprobs = 5,
            Seed = 9_007_199_254_740_993,
            ReasoningEffort = "high",
            Stream = false,
            HasTools = true,
            ResponseFormat = "json_object",
            User = "u_55",
        },
        Response = new ResponseInfo
        {
            Status = 200,
            FinishReason = "stop",
            PromptTokens = 31,
            CompletionTokens = 812,
            ReasoningTokens = 640,
            OutputText = "Suppose that √2 = p/q ...",
            LatencyMs = 5231.5,
        },
    };

    public static Exchange Minimal(string id = "ex_000002") => new()
    {
        Id = id,
        Timestamp = new DateTimeOffset(2026, 11, 20, 10, 0, 1, TimeSpan.Zero),
        AccountId = "acct_0042",
        Request = new ChatRequest
        {
            Model = "frontier-large",
            Messages = [new ChatMessage("user", "Hello")],
        },
        Response = new ResponseInfo { Status = 200 },
    };

    /// <summary>A minimal valid line with an id, for readers' tests.</summary>
    public static string MinimalLine(string id, string account = "acct_1") =>
        $$$"""{"id":"{{{id}}}","ts":"2026-11-20T10:00:00Z","account_id":"{{{account}}}","request":{"model":"m","messages":[{"role":"user","content":"hi"}]},"response":{"status":200}}""";

    public static string Write(params Exchange[] exchanges)
    {
        using var stream = new MemoryStream();
        using (var writer = new ExchangeJsonWriter(stream, leaveOpen: true))
        {
            foreach (Exchange exchange in exchanges)
            {
                writer.Write(exchange);
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Exchange Parse(string line)
    {
        bool ok = new DgExchangeParser().TryParse(Encoding.UTF8.GetBytes(line), out Exchange? exchange, out string? error);
        Assert.True(ok, error);
        return exchange!;
    }

    public static string ParseError(string line)
    {
        bool ok = new DgExchangeParser().TryParse(Encoding.UTF8.GetBytes(line), out _, out string? error);
        Assert.False(ok);
        return error!;
    }
}
