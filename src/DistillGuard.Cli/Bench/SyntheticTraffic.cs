using System.Globalization;
using System.Text;
using DistillGuard.Core.Exchanges;

namespace DistillGuard.Cli.Bench;

/// <summary>
/// Generates exchanges in memory for the memory probe of <c>bench</c>: many distinct accounts, each with varied prompts,
/// addresses and clients, so that every per-subject sketch has something in it. Deterministic for a given seed.
/// </summary>
/// <remarks>
/// Every account pays with its own payment method, so the accounts stay unlinked (no campaigns); e-mail domains, TLS
/// fingerprints and user agents come from small shared pools, as in real traffic, so the link index holds common
/// values too.
/// </remarks>
internal sealed class SyntheticTraffic
{
    private const int Vocabulary = 4096;

    private static readonly string[] Domains =
        ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "example.com", "acme.io", "corp.example", "uni.edu", "lab.ai"];

    private static readonly string[] Agents =
        ["python-httpx/0.27", "OpenAI/Python 1.54.0", "node-fetch/1.0", "curl/8.5.0", "Go-http-client/2.0", "okhttp/4.12.0"];

    private static readonly string[] Models = ["frontier-large", "frontier-mini", "frontier-reasoning"];

    private static readonly NetworkType[] Networks =
        [NetworkType.Datacenter, NetworkType.Datacenter, NetworkType.Residential, NetworkType.Residential, NetworkType.Mobile, NetworkType.Vpn];

    private readonly Random _random;
    private readonly string[] _words;
    private readonly StringBuilder _text = new();
    private readonly DateTimeOffset _start;
    private readonly int _seed;

    private SyntheticTraffic(SyntheticTraffic parent, int stream)
    {
        _seed = parent._seed;
        _start = parent._start;
        _words = parent._words;
        _random = new Random(unchecked((parent._seed * 1_000_003) + stream + 1));
    }

    /// <summary>Initializes a new instance of the <see cref="SyntheticTraffic"/> class.</summary>
    /// <param name="seed">The seed; the same seed yields the same exchanges.</param>
    /// <param name="start">The timestamp of the first exchange.</param>
    public SyntheticTraffic(int seed, DateTimeOffset start)
    {
        _random = new Random(seed);
        _start = start;
        _seed = seed;
        _words = new string[Vocabulary];
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        for (var i = 0; i < _words.Length; i++)
        {
            var length = 3 + _random.Next(7);
            _words[i] = string.Create(length, _random, static (span, random) =>
            {
                for (var j = 0; j < span.Length; j++)
                {
                    span[j] = letters[random.Next(letters.Length)];
                }
            });
        }
    }

    /// <summary>
    /// Gets a generator with the same vocabulary and its own random stream, so that several threads can generate at
    /// once; the same seed and stream number yield the same exchanges.
    /// </summary>
    /// <param name="stream">The stream's number.</param>
    /// <returns>The generator.</returns>
    public SyntheticTraffic Fork(int stream) => new(this, stream);

    /// <summary>Makes an exchange of account <paramref name="subject"/>.</summary>
    /// <param name="subject">The account's number.</param>
    /// <param name="sequence">The exchange's position in the whole stream; it sets the id and the timestamp.</param>
    /// <param name="spacing">The time between consecutive exchanges of the stream.</param>
    /// <returns>The exchange.</returns>
    public Exchange Next(int subject, long sequence, TimeSpan spacing)
    {
        var account = string.Create(CultureInfo.InvariantCulture, $"acct_{subject:x6}");
        var ts = _start + (spacing * sequence);
        var messages = new List<ChatMessage>(2);
        if (_random.Next(3) == 0)
        {
            messages.Add(new ChatMessage("system", Words(6 + _random.Next(10))));
        }

        messages.Add(new ChatMessage("user", Words(12 + _random.Next(40))));
        var reasoning = _random.Next(4) == 0;
        return new Exchange
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"ex_{sequence:x10}"),
            Timestamp = ts,
            AccountId = account,
            ApiKeyId = string.Create(CultureInfo.InvariantCulture, $"key_{subject:x6}_{_random.Next(2)}"),
            Client = new ClientInfo
            {
                Ip = string.Create(CultureInfo.InvariantCulture, $"{1 + _random.Next(223)}.{_random.Next(256)}.{_random.Next(256)}.{1 + _random.Next(254)}"),
                Asn = 64_500 + _random.Next(500),
                NetworkType = Networks[_random.Next(Networks.Length)],
                Country = _random.Next(2) == 0 ? "US" : "DE",
                UserAgent = Agents[subject % Agents.Length],
                TlsFingerprint = string.Create(CultureInfo.InvariantCulture, $"t13d1516h2_{subject % 8:x12}"),
            },
            Billing = new BillingInfo
            {
                PaymentFingerprint = string.Create(CultureInfo.InvariantCulture, $"pf_{subject:x6}"),
                EmailDomain = Domains[subject % Domains.Length],
                SignupTimestamp = _start - TimeSpan.FromMinutes(_random.Next(60 * 24 * 365)),
                Country = "US",
                Plan = "pay_as_you_go",
            },
            Request = new ChatRequest
            {
                Model = Models[_random.Next(Models.Length)],
                Messages = messages,
                Temperature = _random.Next(4) * 0.25,
                MaxCompletionTokens = 256 << _random.Next(5),
                ReasoningEffort = reasoning ? "high" : null,
            },
            Response = new ResponseInfo
            {
                Status = 200,
                FinishReason = "stop",
                PromptTokens = 20 + _random.Next(400),
                CompletionTokens = 50 + _random.Next(2000),
                ReasoningTokens = reasoning ? _random.Next(1500) : null,
                OutputText = Words(20 + _random.Next(60)),
                LatencyMs = 200 + _random.Next(8000),
            },
        };
    }

    private string Words(int count)
    {
        _text.Clear();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _text.Append(' ');
            }

            // A few numbers keep prompts distinct even when the words repeat.
            if (_random.Next(16) == 0)
            {
                _text.Append(_random.Next(100_000));
            }
            else
            {
                _text.Append(_words[_random.Next(_words.Length)]);
            }
        }

        return _text.ToString();
    }
}
