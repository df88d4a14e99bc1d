using System.Text;
using DistillGuard.Core.Exchanges;
using DistillGuard.Ingest.Exchanges;

namespace DistillGuard.Ingest.Tests.Exchanges;

public sealed class DgExchangeParserTests
{
    private const string SpecLine = """
        {"id":"ex_000001","ts":"2026-11-20T10:00:00.123Z","account_id":"acct_7f3a","api_key_id":"key_19","end_user_id":"u_55",
         "client":{"ip":"203.0.113.5","asn":64500,"asn_org":"Example Hosting","network_type":"datacenter","country":"SG",
                   "user_agent":"python-httpx/0.27","headers":{"HTTP-Referer":"https://app.example","x-title":"Example"},
                   "tls_fingerprint":"t13d1516h2_8daaf6152771_02713d6af862"},
         "billing":{"payment_fingerprint":"pf_91c2","email_domain":"example.com","signup_ts":"2026-11-01T08:00:00Z","country":"SG","plan":"pay_as_you_go"},
         "request":{"model":"frontier-large","messages":[{"role":"system","content":"You are a helpful assistant."},
                    {"role":"user","content":"Prove that the square root of 2 is irrational."}],
                    "temperature":0.7,"n":1,"max_completion_tokens":4096,"logprobs":false,"reasoning_effort":"high"},
         "response":{"status":200,"finish_reason":"stop","usage":{"prompt_tokens":31,"completion_tokens":812,"reasoning_tokens":640},
                     "output_text":"Suppose that ...","latency_ms":5231}}
        """;

    [Fact]
    public void TryParse_SpecExample_MapsEveryField()
    {
        // Arrange
        string line = SpecLine.ReplaceLineEndings(string.Empty);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal("ex_000001", exchange.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, 123, TimeSpan.Zero), exchange.Timestamp);
        Assert.Equal("acct_7f3a", exchange.AccountId);
        Assert.Equal("key_19", exchange.ApiKeyId);
        Assert.Equal("u_55", exchange.EndUserId);
        ClientInfo client = exchange.Client!;
        Assert.Equal("203.0.113.5", client.Ip);
        Assert.Equal(64500, client.Asn);
        Assert.Equal("Example Hosting", client.AsnOrg);
        Assert.Equal(NetworkType.Datacenter, client.NetworkType);
        Assert.Equal("SG", client.Country);
        Assert.Equal("python-httpx/0.27", client.UserAgent);
        Assert.Equal("https://app.example", client.Headers!["http-referer"]);
        Assert.Equal("Example", client.Headers["x-title"]);
        Assert.Equal("t13d1516h2_8daaf6152771_02713d6af862", client.TlsFingerprint);
        BillingInfo billing = exchange.Billing!;
        Assert.Equal("pf_91c2", billing.PaymentFingerprint);
        Assert.Equal("example.com", billing.EmailDomain);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), billing.SignupTimestamp);
        Assert.Equal("SG", billing.Country);
        Assert.Equal("pay_as_you_go", billing.Plan);
        ChatRequest request = exchange.Request;
        Assert.Equal("frontier-large", request.Model);
        Assert.Equal([new ChatMessage("system", "You are a helpful assistant."), new ChatMessage("user", "Prove that the square root of 2 is irrational.")], request.Messages);
        Assert.Equal(0.7, request.Temperature);
        Assert.Equal(1, request.N);
        Assert.Equal(4096, request.MaxCompletionTokens);
        Assert.False(request.Logprobs);
        Assert.Equal("high", request.ReasoningEffort);
        Assert.False(request.HasTools);
        ResponseInfo response = exchange.Response;
        Assert.Equal(200, response.Status);
        Assert.Equal("stop", response.FinishReason);
        Assert.Equal(31, response.PromptTokens);
        Assert.Equal(812, response.CompletionTokens);
        Assert.Equal(640, response.ReasoningTokens);
        Assert.Equal("Suppose that ...", response.OutputText);
        Assert.Equal(5231, response.LatencyMs);
    }

    [Fact]
    public void TryParse_RequiredFieldsOnly_LeavesOptionalFieldsAbsent()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1");

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Null(exchange.ApiKeyId);
        Assert.Null(exchange.EndUserId);
        Assert.Null(exchange.Client);
        Assert.Null(exchange.Billing);
        Assert.Null(exchange.Request.Temperature);
        Assert.Null(exchange.Response.FinishReason);
        Assert.Null(exchange.Response.PromptTokens);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("ts")]
    [InlineData("account_id")]
    [InlineData("request")]
    [InlineData("response")]
    public void TryParse_MissingTopLevelRequiredField_NamesIt(string field)
    {
        // Arrange
        var node = System.Text.Json.Nodes.JsonNode.Parse(TestExchanges.MinimalLine("ex_1"))!.AsObject();
        node.Remove(field);

        // Act
        string error = TestExchanges.ParseError(node.ToJsonString());

        // Assert
        Assert.Equal($"missing required field '{field}'", error);
    }

    [Theory]
    [InlineData("""{"id":"a","ts":"2026-11-20T10:00:00Z","account_id":"x","request":{"messages":[]},"response":{"status":200}}""", "missing required field 'request.model'")]
    [InlineData("""{"id":"a","ts":"2026-11-20T10:00:00Z","account_id":"x","request":{"model":"m"},"response":{"status":200}}""", "missing required field 'request.messages'")]
    [InlineData("""{"id":"a","ts":"2026-11-20T10:00:00Z","account_id":"x","request":{"model":"m","messages":[]},"response":{}}""", "missing required field 'response.status'")]
    [InlineData("""{"id":"a","ts":"2026-11-20T10:00:00Z","account_id":"x","request":{"model":"m","messages":[{"content":"hi"}]},"response":{"status":200}}""", "missing required field 'request.messages[0].role'")]
    [InlineData("""{"id":null,"ts":"2026-11-20T10:00:00Z","account_id":"x","request":{"model":"m","messages":[]},"response":{"status":200}}""", "missing required field 'id'")]
    public void TryParse_MissingNestedRequiredField_NamesItsPath(string line, string expected)
    {
        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"id\":\"\"", "field 'id': must not be empty")]
    [InlineData("\"account_id\":\"\"", "field 'account_id': must not be empty")]
    [InlineData("\"id\":17", "field 'id': expected a string")]
    [InlineData("\"account_id\":[\"a\"]", "field 'account_id': expected a string")]
    public void TryParse_BadIdentity_NamesTheField(string replacement, string expected)
    {
        // Arrange
        string field = replacement[..replacement.IndexOf(':', StringComparison.Ordinal)];
        string line = TestExchanges.MinimalLine("ex_1", "acct_1")
            .Replace(field == "\"id\"" ? "\"id\":\"ex_1\"" : "\"account_id\":\"acct_1\"", replacement, StringComparison.Ordinal);

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"n\":\"2\"", "field 'request.n': expected an integer")]
    [InlineData("\"n\":1.5", "field 'request.n': expected an integer")]
    [InlineData("\"temperature\":\"hot\"", "field 'request.temperature': expected a number")]
    [InlineData("\"logprobs\":1", "field 'request.logprobs': expected true or false")]
    [InlineData("\"seed\":true", "field 'request.seed': expected an integer")]
    [InlineData("\"stream\":\"yes\"", "field 'request.stream': expected true or false")]
    [InlineData("\"tools\":{}", "field 'request.tools': expected an array")]
    [InlineData("\"response_format\":\"json\"", "field 'request.response_format': expected an object")]
    [InlineData("\"reasoning_effort\":3", "field 'request.reasoning_effort': expected a string")]
    [InlineData("\"user\":{}", "field 'request.user': expected a string")]
    [InlineData("\"max_tokens\":99999999999", "field 'request.max_tokens': expected an integer")]
    public void TryParse_OptionalRequestFieldOfWrongType_IsRejected(string field, string expected)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("\"model\":\"m\"", "\"model\":\"m\"," + field, StringComparison.Ordinal);

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"request\":[]", "field 'request': expected an object")]
    [InlineData("\"client\":\"x\"", "field 'client': expected an object")]
    [InlineData("\"client\":{\"asn\":\"AS1\"}", "field 'client.asn': expected an integer")]
    [InlineData("\"client\":{\"network_type\":1}", "field 'client.network_type': expected a string")]
    [InlineData("\"client\":{\"headers\":{\"X-Title\":1}}", "field 'client.headers.x-title': expected a string")]
    [InlineData("\"billing\":{\"signup_ts\":\"yesterday\"}", "field 'billing.signup_ts': 'yesterday' is not an RFC 3339 timestamp")]
    [InlineData("\"api_key_id\":5", "field 'api_key_id': expected a string")]
    public void TryParse_OptionalObjectFieldOfWrongType_IsRejected(string field, string expected)
    {
        // Arrange
        string line = field.StartsWith("\"request\"", StringComparison.Ordinal)
            ? """{"id":"a","ts":"2026-11-20T10:00:00Z","account_id":"x",""" + field + ""","response":{"status":200}}"""
            : TestExchanges.MinimalLine("ex_1").Replace("\"account_id\":\"acct_1\"", "\"account_id\":\"acct_1\"," + field, StringComparison.Ordinal);

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"status\":\"200\"", "field 'response.status': expected an integer")]
    [InlineData("\"status\":200,\"usage\":{\"prompt_tokens\":\"3\"}", "field 'response.usage.prompt_tokens': expected an integer")]
    [InlineData("\"status\":200,\"latency_ms\":\"fast\"", "field 'response.latency_ms': expected a number")]
    [InlineData("\"status\":200,\"output_text\":[1]", "field 'response.output_text': expected a string")]
    public void TryParse_ResponseFieldOfWrongType_IsRejected(string fields, string expected)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("\"status\":200", fields, StringComparison.Ordinal);

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00")]
    [InlineData("2026-11-20T10:00:00.123")]
    [InlineData("2026-11-20")]
    public void TryParse_TimestampWithoutOffset_IsRejected(string timestamp)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("2026-11-20T10:00:00Z", timestamp, StringComparison.Ordinal);

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal($"field 'ts': timestamp '{timestamp}' has no offset (add Z or +hh:mm)", error);
    }

    [Theory]
    [InlineData("\"20 Nov 2026\"", "field 'ts': '20 Nov 2026' is not an RFC 3339 timestamp")]
    [InlineData("1763632800", "field 'ts': expected an RFC 3339 timestamp string")]
    [InlineData("\"2026-13-01T00:00:00Z\"", "field 'ts': '2026-13-01T00:00:00Z' is not an RFC 3339 timestamp")]
    public void TryParse_InvalidTimestamp_IsRejected(string value, string expected)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("\"2026-11-20T10:00:00Z\"", value, StringComparison.Ordinal);

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_TimestampWithOffset_KeepsTheInstant()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("2026-11-20T10:00:00Z", "2026-11-20T12:30:00.5+02:30", StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, 500, TimeSpan.Zero), exchange.Timestamp);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"id\":\"a\",")]
    [InlineData("{\"id\":\"a\"")]
    [InlineData("{\"id\":\"a\",}")]
    [InlineData("{'id':'a'}")]
    public void TryParse_NotJson_IsRejectedAsNotValidJson(string line)
    {
        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.StartsWith("not valid JSON: ", error, StringComparison.Ordinal);
        Assert.Contains("(at byte ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void TryParse_NotAnObject_IsRejected(string line)
    {
        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal("not a JSON object", error);
    }

    [Theory]
    [InlineData(" x")]
    [InlineData(" {}")]
    [InlineData(",")]
    public void TryParse_TrailingContent_IsRejected(string trailing)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1") + trailing;

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal("unexpected content after the JSON object", error);
    }

    [Fact]
    public void TryParse_TrailingWhitespace_IsAccepted()
    {
        // Act
        Exchange exchange = TestExchanges.Parse(TestExchanges.MinimalLine("ex_1") + " \t ");

        // Assert
        Assert.Equal("ex_1", exchange.Id);
    }

    [Fact]
    public void TryParse_InvalidUtf8InAString_IsRejected()
    {
        // Arrange
        byte[] line = Encoding.UTF8.GetBytes(TestExchanges.MinimalLine("ex_1").Replace("\"hi\"", "\"h?\"", StringComparison.Ordinal));
        line[Array.IndexOf(line, (byte)'?')] = 0xC3;

        // Act
        bool ok = new DgExchangeParser().TryParse(line, out _, out string? error);

        // Assert
        Assert.False(ok);
        Assert.Equal("not valid UTF-8 text", error);
    }

    [Fact]
    public void TryParse_ContentParts_JoinsTextPartsWithNewline()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace(
            "\"content\":\"hi\"",
            "\"content\":[{\"type\":\"text\",\"text\":\"first\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}},{\"text\":\"second\",\"type\":\"text\"}]",
            StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal("first\nsecond", exchange.Request.Messages[0].Content);
    }

    [Theory]
    [InlineData("\"content\":null", "")]
    [InlineData("\"content\":[]", "")]
    [InlineData("\"tool_calls\":[{\"id\":\"c1\"}]", "")]
    public void TryParse_MessageWithoutText_HasEmptyContent(string content, string expected)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("\"content\":\"hi\"", content, StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal(expected, exchange.Request.Messages[0].Content);
    }

    [Theory]
    [InlineData("\"content\":5", "field 'request.messages[0].content': expected a string, null or an array of parts")]
    [InlineData("\"content\":[\"a\"]", "field 'request.messages[0].content[0]': expected an object")]
    [InlineData("\"content\":[{\"type\":\"text\",\"text\":7}]", "field 'request.messages[0].content[0].text': expected a string")]
    [InlineData("\"role\":\"user\",\"role\":4", "field 'request.messages[0].role': expected a string")]
    public void TryParse_BadMessage_NamesItsPath(string content, string expected)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("\"role\":\"user\",\"content\":\"hi\"", content, StringComparison.Ordinal);

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_MessagesNotAnArray_IsRejected()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("[{\"role\":\"user\",\"content\":\"hi\"}]", "{}", StringComparison.Ordinal);

        // Act
        string error = TestExchanges.ParseError(line);

        // Assert
        Assert.Equal("field 'request.messages': expected an array", error);
    }

    [Theory]
    [InlineData("datacenter", NetworkType.Datacenter)]
    [InlineData("residential", NetworkType.Residential)]
    [InlineData("mobile", NetworkType.Mobile)]
    [InlineData("vpn", NetworkType.Vpn)]
    [InlineData("tor", NetworkType.Tor)]
    [InlineData("unknown", NetworkType.Unknown)]
    [InlineData("satellite", NetworkType.Unknown)]
    [InlineData("resid\\u0065ntial", NetworkType.Residential)]
    [InlineData("\\u0074\\u006f\\u0072", NetworkType.Tor)]
    [InlineData("\\u0072esidentialresidentialresidentialresidentialresidentialresidential", NetworkType.Unknown)]
    [InlineData("\\ud800", NetworkType.Unknown)]
    public void TryParse_NetworkType_MapsToTheEnum(string name, NetworkType expected)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("\"account_id\":\"acct_1\"", $"\"account_id\":\"acct_1\",\"client\":{{\"network_type\":\"{name}\"}}", StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal(expected, exchange.Client!.NetworkType);
    }

    [Theory]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]", true)]
    [InlineData("\"tools\":[]", false)]
    [InlineData("\"tools\":null", false)]
    public void TryParse_Tools_SetsHasToolsWhenNonEmpty(string tools, bool expected)
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("\"model\":\"m\"", "\"model\":\"m\"," + tools + ",\"n\":3", StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal(expected, exchange.Request.HasTools);
        Assert.Equal(3, exchange.Request.N);
    }

    [Fact]
    public void TryParse_ResponseFormatAndSafetyIdentifier_AreMapped()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace(
            "\"model\":\"m\"",
            "\"model\":\"m\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\"}},\"user\":\"legacy\",\"safety_identifier\":\"sid_1\"",
            StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal("json_schema", exchange.Request.ResponseFormat);
        Assert.Equal("sid_1", exchange.Request.User);
    }

    [Fact]
    public void TryParse_UserOnly_SetsUser()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace("\"model\":\"m\"", "\"model\":\"m\",\"user\":\"legacy\"", StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal("legacy", exchange.Request.User);
    }

    [Fact]
    public void TryParse_ReasoningTokensInCompletionDetails_AreRead()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace(
            "\"status\":200",
            "\"status\":200,\"usage\":{\"completion_tokens\":50,\"completion_tokens_details\":{\"reasoning_tokens\":30,\"audio_tokens\":0}}",
            StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal(50, exchange.Response.CompletionTokens);
        Assert.Equal(30, exchange.Response.ReasoningTokens);
    }

    [Fact]
    public void TryParse_UnknownFieldsAnywhere_AreSkipped()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1")
            .Replace("\"id\":\"ex_1\"", "\"extra\":{\"deep\":[1,{\"a\":null}]},\"id\":\"ex_1\"", StringComparison.Ordinal)
            .Replace("\"model\":\"m\"", "\"model\":\"m\",\"metadata\":{\"k\":\"v\"},\"frequency_penalty\":0.5", StringComparison.Ordinal)
            .Replace("\"status\":200", "\"status\":200,\"system_fingerprint\":\"fp\"", StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal("ex_1", exchange.Id);
        Assert.Equal("m", exchange.Request.Model);
    }

    [Fact]
    public void TryParse_EscapedPropertyNamesAndValues_AreUnescaped()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1")
            .Replace("\"account_id\":\"acct_1\"", "\"account\\u005Fid\":\"acct\\u005F1\"", StringComparison.Ordinal)
            .Replace("\"ts\":\"2026-11-20T10:00:00Z\"", "\"ts\":\"2026-11-20T10:00:00\\u002B01:00\"", StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Equal("acct_1", exchange.AccountId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), exchange.Timestamp);
    }

    [Fact]
    public void TryParse_NullOptionalFieldsAndEmptyIdentity_CountAsAbsent()
    {
        // Arrange
        string line = TestExchanges.MinimalLine("ex_1").Replace(
            "\"account_id\":\"acct_1\"",
            "\"account_id\":\"acct_1\",\"api_key_id\":\"\",\"end_user_id\":null,\"client\":null,\"billing\":null",
            StringComparison.Ordinal);

        // Act
        Exchange exchange = TestExchanges.Parse(line);

        // Assert
        Assert.Null(exchange.ApiKeyId);
        Assert.Null(exchange.EndUserId);
        Assert.Null(exchange.Client);
        Assert.Null(exchange.Billing);
    }

    [Fact]
    public void TryParse_SameParserManyLines_SharesRecurringStrings()
    {
        // Arrange
        var parser = new DgExchangeParser();
        byte[] first = Encoding.UTF8.GetBytes(TestExchanges.MinimalLine("ex_1", "acct_shared"));
        byte[] second = Encoding.UTF8.GetBytes(TestExchanges.MinimalLine("ex_2", "acct_shared"));

        // Act
        Assert.True(parser.TryParse(first, out Exchange? a, out _));
        Assert.True(parser.TryParse(second, out Exchange? b, out _));

        // Assert
        Assert.Same(a.AccountId, b.AccountId);
        Assert.Equal("ex_2", b.Id);
    }

    [Theory]
    [InlineData("""{"role":"user","content":"lone \ud800 surrogate"}""")]
    [InlineData("""{"role":"system","content":"\udc00"},{"role":"user","content":"hi"}""")]
    [InlineData("""{"role":"user","content":[{"type":null,"text":"hi"}]}""")]
    public void TryParse_UnreadableText_IsRejectedNotThrown(string messages)
    {
        // Arrange
        var line = "{\"id\":\"x\",\"ts\":\"2026-11-20T10:00:00Z\",\"account_id\":\"a\",\"request\":{\"model\":\"m\",\"messages\":[" + messages
            + "]},\"response\":{\"status\":200}}";
        var bytes = Encoding.UTF8.GetBytes(line);

        // Act
        var parsed = new DgExchangeParser(keepTexts: false).TryParse(bytes, out _, out var error);
        var withFeatures = new DgExchangeParser(keepTexts: false).TryParseWithFeatures(bytes, out _, out _, out var featuresError);

        // Assert
        Assert.False(parsed);
        Assert.False(withFeatures);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal(error, featuresError);
    }
}
