using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Ingest.Exchanges;

namespace DistillGuard.Benchmarks;

/// <summary>
/// The <c>dg-exchange/1</c> line parser (<see cref="DgExchangeParser"/>, which builds the whole <see cref="Exchange"/>)
/// against <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> of the same line, which only
/// indexes it, and against the least that a reader built on that document would do: parse it and read every string.
/// The detection path is measured too: parsing without the texts detection does not read, then extracting the
/// features, against <see cref="DgExchangeParser.TryParseWithFeatures"/>, which does both in one pass.
/// </summary>
/// <remarks>
/// Three lines: every field of the spec's example, only the required fields, and the full line with a 9 KB answer,
/// where turning the answer into a .NET string dominates whatever parses it.
/// </remarks>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly DgExchangeParser _parser = new();
    private readonly DgExchangeParser _detectionParser = new(keepTexts: false);
    private byte[] _line = [];

    /// <summary>Gets or sets which line is parsed: every field, only the required ones, or a long answer.</summary>
    [Params("full", "minimal", "long-answer")]
    public string Line { get; set; } = "full";

    [GlobalSetup]
    public void Setup()
    {
        Exchange exchange = Line switch
        {
            "minimal" => Minimal(),
            "long-answer" => Full() with
            {
                Response = Full().Response with { OutputText = string.Concat(Enumerable.Repeat("The same argument, step by step, once more. ", 200)) },
            },
            _ => Full(),
        };

        using var stream = new MemoryStream();
        using (var writer = new ExchangeJsonWriter(stream, leaveOpen: true))
        {
            writer.Write(exchange);
        }

        _line = stream.ToArray().AsSpan().TrimEnd((byte)'\n').ToArray();
        if (!_parser.TryParse(_line, out _, out string? error))
        {
            throw new InvalidOperationException(error);
        }
    }

    [Benchmark(Baseline = true)]
    public JsonValueKind JsonDocumentParse()
    {
        using JsonDocument document = JsonDocument.Parse(_line.AsMemory());
        return document.RootElement.ValueKind;
    }

    [Benchmark]
    public int JsonDocumentParseAndReadStrings()
    {
        using JsonDocument document = JsonDocument.Parse(_line.AsMemory());
        return ReadStrings(document.RootElement);
    }

    [Benchmark]
    public Exchange? DgExchangeParserTryParse() =>
        _parser.TryParse(_line, out Exchange? exchange, out _) ? exchange : null;

    [Benchmark]
    public ExchangeFeatures? TryParseWithoutTextsThenExtract() =>
        _detectionParser.TryParse(_line, out Exchange? exchange, out _) ? FeatureExtractor.Extract(exchange) : null;

    [Benchmark]
    public ExchangeFeatures? TryParseWithFeatures() =>
        _detectionParser.TryParseWithFeatures(_line, out _, out ExchangeFeatures features, out _) ? features : null;

    private static int ReadStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString()!.Length;
            case JsonValueKind.Object:
                int inObject = 0;
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    inObject += ReadStrings(property.Value);
                }

                return inObject;
            case JsonValueKind.Array:
                int inArray = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    inArray += ReadStrings(item);
                }

                return inArray;
            default:
                return 0;
        }
    }

    private static Exchange Minimal() => new()
    {
        Id = "ex_000002",
        Timestamp = new DateTimeOffset(2026, 11, 20, 10, 0, 1, TimeSpan.Zero),
        AccountId = "acct_0042",
        Request = new ChatRequest
        {
            Model = "frontier-large",
            Messages = [new ChatMessage("user", "Classify the sentiment of: I loved it.")],
        },
        Response = new ResponseInfo { Status = 200 },
    };

    private static Exchange Full() => new()
    {
        Id = "ex_000001",
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
                new ChatMessage("user", "Prove that the square root of 2 is irrational. Show every step of your reasoning."),
            ],
            Temperature = 0.7,
            N = 1,
            MaxCompletionTokens = 4096,
            Logprobs = false,
            ReasoningEffort = "high",
        },
        Response = new ResponseInfo
        {
            Status = 200,
            FinishReason = "stop",
            PromptTokens = 31,
            CompletionTokens = 812,
            ReasoningTokens = 640,
            OutputText = "Suppose that the square root of two is rational, so it equals p/q in lowest terms. Then p^2 = 2q^2, so p is even, and then q is even too: a contradiction.",
            LatencyMs = 5231,
        },
    };
}
