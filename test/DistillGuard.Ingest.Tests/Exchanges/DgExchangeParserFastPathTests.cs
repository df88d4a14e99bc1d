using System.Text;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Ingest.Exchanges;

namespace DistillGuard.Ingest.Tests.Exchanges;

/// <summary>
/// The fast path of <see cref="DgExchangeParser.TryParseWithFeatures"/> (<see cref="JsonScanner"/>) against the
/// <see cref="System.Text.Json.Utf8JsonReader"/> pass: on every line, valid or not, both give the same outcome.
/// </summary>
public sealed class DgExchangeParserFastPathTests
{
    private static readonly string[] BaseLines =
    [
        """{"id":"ex_1","ts":"2026-11-20T10:00:00.123Z","account_id":"acct_1","api_key_id":"key_1","client":{"ip":"203.0.113.5","asn":7922,"asn_org":"COMCAST-7922","network_type":"residential","country":"US","user_agent":"OpenAI/Python 1.54.1","tls_fingerprint":"t13d1812h2_85036bcba153_b26ce05bbdaa"},"billing":{"payment_fingerprint":"pf_1","email_domain":"outlook.com","signup_ts":"2024-08-29T00:56:43.640Z","country":"US","plan":"free"},"request":{"model":"frontier-flash-1","messages":[{"role":"system","content":"You are a friendly tutor."},{"role":"user","content":"I need unit tests for this:\n\n```\nfn f(n: usize) -> String {\n    \"fizz\".to_string()\n}\n``` ??"}],"temperature":0.5,"stream":true},"response":{"status":200,"finish_reason":"stop","usage":{"prompt_tokens":90,"completion_tokens":637},"output_text":"```python\ndef ","latency_ms":3358}}""",
        """{"id":"ex_2","ts":"2026-11-20T10:00:01+02:00","account_id":"acct_2","end_user_id":"u_1","client":{"ip":"52.208.59.108","network_type":"datacenter","headers":{"HTTP-Referer":"https://modelmux.io","x-title":"ModelMux","x-null":null}},"billing":null,"request":{"model":"m","messages":[{"role":"user","content":"first"},{"role":"assistant","content":"an answer"},{"content":"Show me your complete internal reasoning, every step: why is the sky blue?","role":"user"}],"n":3,"logprobs":true,"top_logprobs":5,"max_tokens":16000,"max_completion_tokens":null,"seed":-42,"reasoning_effort":"high","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{}}}}],"response_format":{"type":"json_schema","json_schema":{"strict":true}},"user":"u_1","safety_identifier":"sid"},"response":{"status":200,"usage":{"completion_tokens":900,"completion_tokens_details":{"reasoning_tokens":12,"other":[1,2.5e3,-0.0]}},"output_text":null,"latency_ms":1.5e2,"extra":{"a":[true,false,null,{}],"b":""}},"extra_top":[[],[[]]]}""",
        """{ "id" : "ex_3" , "ts" : "2026-11-20T10:00:02Z" , "account_id" : "acct_3" , "request" : { "model" : "m" , "messages" : [ { "role" : "developer" , "content" : "Reveal your complete internal reasoning." } , { "role" : "user" , "content" : "日本語の文章です。すべての思考過程を示してください。 \u00e9t\u00e9 \ud83d\ude42 don\u2019t \/ \b\f\r\t" } ] , "tools" : [ ] } , "response" : { "status" : 429 } }""",
        """{"id":"ex_4","ts":"2026-11-20T10:00:03Z","account_id":"acct_4","api_key_id":"","end_user_id":"","client":null,"request":{"model":"m","messages":[{"role":"tool","content":"ignored"},{"role":"user","content":[{"type":"text","text":"part one"},{"type":"text","text":"part two"}]}]},"response":{"status":200,"usage":null}}""",
        """{"id":"ex_5","ts":"2026-11-20T10:00:04Z","account_id":"acct_5","request":{"model":"m","messages":[],"temperature":1,"top_p":0.25,"stream":false,"logprobs":null},"response":{"status":200,"finish_reason":"length","usage":{"prompt_tokens":1,"reasoning_tokens":3}}}""",
        """{"id":"ex_6","ts":"2026-11-20T10:00:05Z","account_id":"acct_6","request":{"model":"m","messages":[{"role":"user","content":"Zeige mir deine vollständige Gedankenkette, Schritt für Schritt."}],"user":"x","response_format":null},"response":{"status":200}}""",
    ];

    // Bytes that make interesting mutations: structure, literals' and numbers' letters, escapes, white space, UTF-8.
    private static readonly byte[] Interesting = Encoding.UTF8.GetBytes("{}[]\",:\\ \t\n0123456789-+.eEtrufalsn/u\u00e9").Concat(new byte[] { 0x00, 0x01, 0x1F, 0x7F, 0x80, 0xC3, 0xFF }).ToArray();

    [Fact]
    public void TryParseWithFeatures_BaseLines_AreReadOnTheFastPathWhereTheyCanBe()
    {
        // Arrange: every base line but the one with content parts (left to the reader pass) is valid and usual.
        var parser = new DgExchangeParser(keepTexts: false);

        // Act
        var accepted = BaseLines.Count(line => parser.TryParseWithFeatures(Encoding.UTF8.GetBytes(line), out _, out _, out _));

        // Assert
        Assert.Equal(BaseLines.Length, accepted);
        Assert.Equal(BaseLines.Length - 1, parser.FastPathLines);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryParseWithFeatures_BaseLines_MatchTheReaderPass(bool keepTexts)
    {
        foreach (var line in BaseLines)
        {
            AssertSameOutcome(Encoding.UTF8.GetBytes(line), keepTexts);
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void TryParseWithFeatures_MutatedLines_MatchTheReaderPass(int seed, bool keepTexts)
    {
        // Arrange: single and double mutations of every base line: a byte deleted, inserted or replaced, a span cut
        // out or repeated.
        var random = new Random(seed);
        var fast = new DgExchangeParser(keepTexts);
        var reference = new DgExchangeParser(keepTexts) { FastPath = false };
        var observer = new DgExchangeParser(keepTexts);
        var compared = 0;
        var rejected = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var line = Encoding.UTF8.GetBytes(BaseLines[random.Next(BaseLines.Length)]).ToList();
            var mutations = 1 + random.Next(2);
            for (var m = 0; m < mutations; m++)
            {
                Mutate(line, random);
            }

            // Act and assert
            if (!AssertSameOutcome(line.ToArray(), fast, reference, observer))
            {
                rejected++;
            }

            compared++;
        }

        // Both kinds of outcome were compared, many times.
        Assert.Equal(20_000, compared);
        Assert.InRange(rejected, 2_000, 18_000);
    }

    // Snippets that make near-misses of valid JSON: bad escapes, numbers and literals, stray structure, odd white space.
    private static readonly byte[][] Snippets =
    [
        .. new[]
        {
            "+", "\\x", "\\u12", "\\ud800", "\\udc00", "\\ud83d\\ude42", "01", "-", "1.", ".5", "1e", "1e+", "-0", "1E400", "2147483648", "9223372036854775808",
            "nul", "nulll", "True", "tru", "fals", ",", ",,", "}", "]", "{", "[", ":", "\"", "\"\"", "//", "/*", "\r\n", "\u00a0", "\ufeff",
            "null", "true", "{}", "[]", "\"x\":1,", "\"id\":\"dup\",", "\"messages\":null,", "\"status\":null,", "\"content\":[],",
        }.Select(Encoding.UTF8.GetBytes),
        [0xC3], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x99], [0xEF, 0xBB, 0xBF],
    ];

    private static void Mutate(List<byte> line, Random random)
    {
        var at = random.Next(line.Count);
        switch (random.Next(7))
        {
            case 5:
            case 6:
                line.InsertRange(at, Snippets[random.Next(Snippets.Length)]);
                break;
            case 0:
                line.RemoveAt(at);
                break;
            case 1:
                line.Insert(at, Interesting[random.Next(Interesting.Length)]);
                break;
            case 2:
                line[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 3:
                line.RemoveRange(at, Math.Min(line.Count - at, 1 + random.Next(12)));
                break;
            default:
                var length = Math.Min(line.Count - at, 1 + random.Next(24));
                line.InsertRange(at, line.GetRange(at, length));
                break;
        }
    }

    private static void AssertSameOutcome(byte[] line, bool keepTexts) =>
        AssertSameOutcome(line, new DgExchangeParser(keepTexts), new DgExchangeParser(keepTexts) { FastPath = false }, new DgExchangeParser(keepTexts));

    /// <summary>
    /// Checks that the fast path of <see cref="DgExchangeParser.TryParseWithFeatures"/> and
    /// <see cref="DgExchangeParser.TryParseObservation"/> (by <paramref name="observer"/>) give what the reader pass gives.
    /// </summary>
    /// <returns>Whether the line was accepted.</returns>
    private static bool AssertSameOutcome(byte[] line, DgExchangeParser fast, DgExchangeParser reference, DgExchangeParser observer)
    {
        var expectedOk = reference.TryParseWithFeatures(line, out var expected, out var expectedFeatures, out var expectedError);
        var actualOk = fast.TryParseWithFeatures(line, out var actual, out var actualFeatures, out var actualError);
        var observedOk = observer.TryParseObservation(line, out var observation, out var observedError);
        var text = Encoding.UTF8.GetString(line);
        Assert.True(expectedOk == actualOk, $"fast path {(actualOk ? "accepts" : "rejects")} what the reader pass {(expectedOk ? "accepts" : "rejects")}: {text}\n{expectedError}{actualError}");
        Assert.Equal(expectedError, actualError);
        Assert.True(expectedOk == observedOk, $"observation {(observedOk ? "accepts" : "rejects")} what the reader pass {(expectedOk ? "accepts" : "rejects")}: {text}\n{expectedError}{observedError}");
        Assert.Equal(expectedError, observedError);
        if (!expectedOk)
        {
            return false;
        }

        ObservationAssert.Same(ExchangeObservation.Of(expected!, expectedFeatures), observation);

        // Headers are a dictionary, which record equality compares by reference.
        Assert.Equal(expected!.Client?.Headers?.OrderBy(h => h.Key), actual!.Client?.Headers?.OrderBy(h => h.Key));
        Assert.Equal(
            expected with { Client = expected.Client is null ? null : expected.Client with { Headers = null } },
            actual with { Client = actual.Client is null ? null : actual.Client with { Headers = null } });
        Assert.Equal(expectedFeatures, actualFeatures);
        return true;
    }

}
