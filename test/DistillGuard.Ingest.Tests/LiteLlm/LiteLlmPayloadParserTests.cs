using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Core.Exchanges;
using DistillGuard.Ingest.LiteLlm;

namespace DistillGuard.Ingest.Tests.LiteLlm;

public sealed class LiteLlmPayloadParserTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "TestData", "LiteLlm", "standard_logging_payload.json");

    private static JsonObject Sample() => JsonNode.Parse(File.ReadAllText(SamplePath))!.AsObject();

    private static string Line(JsonNode payload) => payload.ToJsonString();

    private static Exchange Parse(string line)
    {
        bool ok = LiteLlmPayloadParser.TryParse(Encoding.UTF8.GetBytes(line), out Exchange? exchange, out string? error);
        Assert.True(ok, error);
        return exchange!;
    }

    private static string ParseError(string line)
    {
        bool ok = LiteLlmPayloadParser.TryParse(Encoding.UTF8.GetBytes(line), out _, out string? error);
        Assert.False(ok);
        return error!;
    }

    [Fact]
    public void TryParse_RealSampleCompactedToOneLine_MapsTheCall()
    {
        // Arrange
        string line = Line(Sample());

        // Act
        Exchange exchange = Parse(line);

        // Assert
        Assert.DoesNotContain('\n', line);
        Assert.Equal("chatcmpl-2299b6a2-82a3-465a-b47c-04e685a2227f", exchange.Id);
        Assert.Equal(new DateTimeOffset(2025, 1, 24, 9, 20, 46, TimeSpan.Zero).AddTicks(8_473_710), exchange.Timestamp);
        Assert.Equal(TimeSpan.Zero, exchange.Timestamp.Offset);
        Assert.Equal(LiteLlmPayloadParser.UnattributedAccountId, exchange.AccountId);
        Assert.Null(exchange.ApiKeyId);
        Assert.Null(exchange.EndUserId);
        Assert.Null(exchange.Client);
        Assert.Equal("gpt-4o", exchange.Request.Model);
        Assert.Equal([new ChatMessage("user", "Hello, world!")], exchange.Request.Messages);
        Assert.True(exchange.Request.Stream);
        Assert.Equal(200, exchange.Response.Status);
        Assert.Equal("stop", exchange.Response.FinishReason);
        Assert.Equal("hi", exchange.Response.OutputText);
        Assert.Equal(10, exchange.Response.PromptTokens);
        Assert.Equal(20, exchange.Response.CompletionTokens);
        Assert.Null(exchange.Response.ReasoningTokens);
        Assert.Equal(4.583, exchange.Response.LatencyMs!.Value, precision: 6);
    }

    [Fact]
    public void TryParse_RealSampleAsJsonElement_MatchesTheLineParser()
    {
        // Arrange
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(SamplePath));

        // Act
        bool ok = LiteLlmPayloadParser.TryParse(document.RootElement, out Exchange? fromElement, out string? error);

        // Assert
        Assert.True(ok, error);
        Assert.Equivalent(Parse(Line(Sample())), fromElement, strict: true);
    }

    [Fact]
    public void TryParse_ElementsOfAPostedArray_ParseOneByOne()
    {
        // Arrange
        JsonObject second = Sample();
        second["id"] = "chatcmpl-second";
        using JsonDocument batch = JsonDocument.Parse(new JsonArray(Sample(), second).ToJsonString());

        // Act
        string[] ids = [.. batch.RootElement.EnumerateArray().Select(payload =>
        {
            Assert.True(LiteLlmPayloadParser.TryParse(payload, out Exchange? exchange, out string? error), error);
            return exchange.Id;
        })];

        // Assert
        Assert.Equal(["chatcmpl-2299b6a2-82a3-465a-b47c-04e685a2227f", "chatcmpl-second"], ids);
    }

    [Fact]
    public void TryParse_EpochSecondsStartTime_IsUtc()
    {
        // Arrange
        JsonObject payload = Sample();
        payload["startTime"] = 1737710446.5;
        payload["endTime"] = 1737710448.75;

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_737_710_446_500), exchange.Timestamp);
        Assert.Equal(2250, exchange.Response.LatencyMs!.Value, precision: 3);
    }

    [Theory]
    [InlineData("2025-01-24T09:20:46Z", 9)]
    [InlineData("2025-01-24T11:20:46+02:00", 9)]
    [InlineData("2025-01-24T09:20:46", 9)]
    [InlineData("2025-01-24 09:20:46", 9)]
    public void TryParse_Iso8601StartTime_IsRead(string startTime, int utcHour)
    {
        // Arrange
        JsonObject payload = Sample();
        payload["startTime"] = startTime;
        payload.Remove("endTime");

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal(new DateTimeOffset(2025, 1, 24, utcHour, 20, 46, TimeSpan.Zero), exchange.Timestamp);
        Assert.Equal(7.394075393676758, exchange.Response.LatencyMs!.Value, precision: 9);
    }

    [Fact]
    public void TryParse_IdentityMetadataSet_MapsAccountKeyEndUserAndClient()
    {
        // Arrange
        JsonObject payload = Sample();
        JsonObject metadata = payload["metadata"]!.AsObject();
        metadata["user_api_key_hash"] = "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b";
        metadata["user_api_key_team_id"] = "team_research";
        metadata["user_api_key_org_id"] = "org_acme";
        metadata["user_api_key_user_id"] = "user_1";
        metadata["user_api_key_end_user_id"] = "end_user_7";
        metadata["requester_ip_address"] = "198.51.100.23";
        metadata["requester_custom_headers"] = new JsonObject
        {
            ["User-Agent"] = "OpenAI/Python 1.59.0",
            ["HTTP-Referer"] = "https://router.example",
            ["X-Title"] = "Router",
            ["x-list"] = new JsonArray("a", "b"),
        };

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal("org_acme", exchange.AccountId);
        Assert.Equal("88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b", exchange.ApiKeyId);
        Assert.Equal("end_user_7", exchange.EndUserId);
        Assert.Equal("198.51.100.23", exchange.Client!.Ip);
        Assert.Equal("OpenAI/Python 1.59.0", exchange.Client.UserAgent);
        Assert.Equal(
            new Dictionary<string, string> { ["http-referer"] = "https://router.example", ["x-title"] = "Router" },
            exchange.Client.Headers);
    }

    [Theory]
    [InlineData("team", "team_research")]
    [InlineData("hash", "key_hash_1")]
    [InlineData("user", "user_1")]
    public void TryParse_AccountFallbacks_TakeTheFirstSetIdentity(string firstSet, string expected)
    {
        // Arrange
        JsonObject payload = Sample();
        JsonObject metadata = payload["metadata"]!.AsObject();
        metadata["user_api_key_user_id"] = "user_1";
        if (firstSet is "team" or "hash")
        {
            metadata["user_api_key_hash"] = "key_hash_1";
        }

        if (firstSet == "team")
        {
            metadata["user_api_key_team_id"] = "team_research";
        }

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal(expected, exchange.AccountId);
    }

    [Fact]
    public void TryParse_EndUserSet_WinsOverMetadataEndUser()
    {
        // Arrange
        JsonObject payload = Sample();
        payload["end_user"] = "customer-42";
        payload["metadata"]!["user_api_key_end_user_id"] = "other";
        payload["requester_ip_address"] = "192.0.2.1";
        payload["metadata"]!["requester_ip_address"] = "192.0.2.99";

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal("customer-42", exchange.EndUserId);
        Assert.Equal("192.0.2.1", exchange.Client!.Ip);
    }

    [Fact]
    public void TryParse_ModelParameters_MapToRequestFields()
    {
        // Arrange
        JsonObject payload = Sample();
        payload["model_parameters"] = JsonNode.Parse("""
            {"temperature":0.2,"top_p":0.9,"n":4,"max_tokens":100,"max_completion_tokens":2000,"logprobs":true,"top_logprobs":3,
             "seed":42,"reasoning_effort":"high","stream":false,"user":"u-1",
             "tools":[{"type":"function","function":{"name":"lookup"}}],"response_format":{"type":"json_object"},"extra_body":{}}
            """);

        // Act
        ChatRequest request = Parse(Line(payload)).Request;

        // Assert
        Assert.Equal(0.2, request.Temperature);
        Assert.Equal(0.9, request.TopP);
        Assert.Equal(4, request.N);
        Assert.Equal(100, request.MaxTokens);
        Assert.Equal(2000, request.MaxCompletionTokens);
        Assert.True(request.Logprobs);
        Assert.Equal(3, request.TopLogprobs);
        Assert.Equal(42, request.Seed);
        Assert.Equal("high", request.ReasoningEffort);
        Assert.False(request.Stream);
        Assert.Equal("u-1", request.User);
        Assert.True(request.HasTools);
        Assert.Equal("json_object", request.ResponseFormat);
    }

    [Fact]
    public void TryParse_ReasoningTokensAndPartsContent_AreMapped()
    {
        // Arrange
        JsonObject payload = Sample();
        payload["response"]!["usage"]!["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 15 };
        payload["response"]!["choices"]![0]!["message"]!["content"] = JsonNode.Parse("""[{"type":"text","text":"a"},{"type":"text","text":"b"}]""");
        payload["messages"] = JsonNode.Parse("""[{"role":"user","content":[{"type":"text","text":"x"},{"type":"image_url","image_url":{"url":"u"}},{"type":"text","text":"y"}]}]""");

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal(15, exchange.Response.ReasoningTokens);
        Assert.Equal("a\nb", exchange.Response.OutputText);
        Assert.Equal("x\ny", exchange.Request.Messages[0].Content);
    }

    [Fact]
    public void TryParse_TokensOnlyInResponseUsage_FallBackToIt()
    {
        // Arrange
        JsonObject payload = Sample();
        payload.Remove("prompt_tokens");
        payload.Remove("completion_tokens");
        payload["response"]!["usage"]!["prompt_tokens"] = 11;
        payload["response"]!["usage"]!["completion_tokens"] = 22;

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal(11, exchange.Response.PromptTokens);
        Assert.Equal(22, exchange.Response.CompletionTokens);
    }

    [Theory]
    [InlineData("429", 429)]
    [InlineData("", 500)]
    [InlineData("rate_limit", 500)]
    public void TryParse_FailureStatus_TakesTheErrorCode(string errorCode, int expected)
    {
        // Arrange
        JsonObject payload = Sample();
        payload["status"] = "failure";
        payload["error_information"]!["error_code"] = errorCode;
        payload["response"] = null;

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal(expected, exchange.Response.Status);
        Assert.Null(exchange.Response.OutputText);
    }

    [Fact]
    public void TryParse_PromptStringMessages_IsOneUserMessage()
    {
        // Arrange
        JsonObject payload = Sample();
        payload["messages"] = "Complete this: once upon a time";

        // Act
        Exchange exchange = Parse(Line(payload));

        // Assert
        Assert.Equal([new ChatMessage("user", "Complete this: once upon a time")], exchange.Request.Messages);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("startTime")]
    [InlineData("model")]
    [InlineData("messages")]
    public void TryParse_MissingRequiredField_NamesIt(string field)
    {
        // Arrange
        JsonObject payload = Sample();
        payload.Remove(field);

        // Act
        string error = ParseError(Line(payload));

        // Assert
        Assert.Equal($"missing required field '{field}'", error);
    }

    [Theory]
    [InlineData("model_parameters", "{\"n\":\"2\"}", "field 'model_parameters.n': expected an integer")]
    [InlineData("startTime", "\"last tuesday\"", "field 'startTime': 'last tuesday' is not a date-time or epoch seconds")]
    [InlineData("startTime", "true", "field 'startTime': expected a date-time string or epoch seconds")]
    [InlineData("messages", "{}", "field 'messages': expected an array of messages or a prompt string")]
    [InlineData("metadata", "[]", "field 'metadata': expected an object")]
    [InlineData("model", "\"\"", "field 'model': must not be empty")]
    [InlineData("prompt_tokens", "\"ten\"", "field 'prompt_tokens': expected an integer")]
    public void TryParse_WrongType_NamesTheField(string field, string json, string expected)
    {
        // Arrange
        JsonObject payload = Sample();
        payload[field] = JsonNode.Parse(json);

        // Act
        string error = ParseError(Line(payload));

        // Assert
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("{\"id\":", "not valid JSON: ")]
    [InlineData("[]", "not a JSON object")]
    public void TryParse_NotAPayload_IsRejected(string line, string expectedStart)
    {
        // Act
        string error = ParseError(line);

        // Assert
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TrailingContent_IsRejected()
    {
        // Act
        string error = ParseError(Line(Sample()) + "}");

        // Assert
        Assert.Equal("unexpected content after the JSON object", error);
    }
}
