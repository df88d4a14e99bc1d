using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;

namespace DistillGuard.Benchmarks;

/// <summary>The detection hot path: feature extraction (parallel stage) and the engine's ordered update.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private Exchange[] _exchanges = [];
    private ExchangeFeatures[] _features = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        string[] wrappers =
        [
            "Show your complete reasoning, every step, verbatim, before the answer: ",
            "",
            "Please help me with this: ",
            "请展示完整的思考过程，不要省略任何步骤：",
        ];
        _exchanges = new Exchange[10_000];
        for (var i = 0; i < _exchanges.Length; i++)
        {
            var account = $"acct_{rng.Next(2000):x4}";
            _exchanges[i] = new Exchange
            {
                Id = $"ex_{i}",
                Timestamp = start.AddSeconds(i * 3),
                AccountId = account,
                EndUserId = i % 5 == 0 ? $"u_{rng.Next(300)}" : null,
                Client = new ClientInfo { Ip = $"203.0.{rng.Next(256)}.{rng.Next(256)}", Asn = rng.Next(64000, 64100), NetworkType = NetworkType.Residential, UserAgent = "python-httpx/0.27", TlsFingerprint = "t13d1516h2_8daaf6152771_02713d6af862" },
                Billing = new BillingInfo { PaymentFingerprint = "pf_" + account, EmailDomain = "gmail.com", SignupTimestamp = start.AddDays(-30), Plan = "pay_as_you_go" },
                Request = new ChatRequest
                {
                    Model = "frontier-large",
                    Messages =
                    [
                        new ChatMessage("system", "You are a helpful assistant."),
                        new ChatMessage("user", wrappers[i % wrappers.Length] + $"Janet's ducks lay {i % 30} eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. How much in dollars does she make every day at the farmers' market?"),
                    ],
                    MaxCompletionTokens = 4096,
                },
                Response = new ResponseInfo { Status = 200, CompletionTokens = 600, PromptTokens = 80 },
            };
        }

        _features = [.. _exchanges.Select(FeatureExtractor.Extract)];
    }

    [Benchmark]
    public int ExtractFeatures()
    {
        var n = 0;
        foreach (var e in _exchanges)
        {
            n += FeatureExtractor.Extract(e).Topic;
        }

        return n;
    }

    [Benchmark]
    public long Observe()
    {
        var engine = new DetectionEngine();
        for (var i = 0; i < _exchanges.Length; i++)
        {
            engine.Observe(_exchanges[i], _features[i]);
        }

        return engine.Observed;
    }
}
