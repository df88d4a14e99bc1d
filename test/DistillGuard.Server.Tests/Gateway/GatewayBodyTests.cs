using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Gateway;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Gateway;

public sealed class GatewayBodyTests
{
    private const string Completions = "/v1/chat/completions";
    private const string Harvest =
        """{"model":"frontier-large","messages":[{"role":"user","content":"Explain step by step."}],"logprobs":true,"top_logprobs":5,"n":8,"max_completion_tokens":32000,"reasoning_effort":"high"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Encodings => ["json", "text-plain", "no-content-type", "gzip", "deflate", "br", "deep-response-format", "deep-tools"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Gateway_DegradedAccount_UpstreamSeesTheRewrittenBodyAndTheExchangeIsRecorded(string encoding)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);
        await OverrideAsync(gateway, "acct_deg", "degrade");
        var schema = Nest(120);
        var json = encoding switch
        {
            "deep-response-format" => Harvest[..^1] + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"deep\",\"schema\":" + schema + "}}}",
            "deep-tools" => Harvest[..^1] + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":" + schema + "}}]}",
            _ => Harvest,
        };

        using var response = await gateway.Client(null).SendAsync(Request("acct_deg", json, encoding), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (received, headers) = Assert.Single(upstream.Received);
        Assert.DoesNotContain("content-encoding", headers.Keys);
        var forwarded = JsonNode.Parse(received, documentOptions: new() { MaxDepth = 512 })!.AsObject();
        Assert.False(forwarded.ContainsKey("logprobs"));
        Assert.False(forwarded.ContainsKey("top_logprobs"));
        Assert.Equal(1, forwarded["n"]!.GetValue<int>());
        Assert.Equal(1024, forwarded["max_completion_tokens"]!.GetValue<int>());
        Assert.Equal("low", forwarded["reasoning_effort"]!.GetValue<string>());
        Assert.Equal("Explain step by step.", forwarded["messages"]![0]!["content"]!.GetValue<string>());
        if (encoding == "deep-response-format")
        {
            Assert.Contains(schema, received, StringComparison.Ordinal);
            Assert.Equal("json_schema", forwarded["response_format"]!["type"]!.GetValue<string>());
        }
        else if (encoding == "deep-tools")
        {
            Assert.Contains(schema, received, StringComparison.Ordinal);
        }

        await gateway.Service<GatewayRecorder>().DrainAsync(Ct);
        using var subject = await gateway.Client(ServiceInstance.AnalystKey).GetAsync("/distillguard/v1/subjects/acct_deg", Ct);
        Assert.Equal(HttpStatusCode.OK, subject.StatusCode);
        Assert.Equal(1, JsonNode.Parse(await subject.Content.ReadAsStringAsync(Ct))!["subject"]!["exchanges"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("\"logprobs\":{}", "logprobs")]
    [InlineData("\"top_logprobs\":[5]", "top_logprobs")]
    [InlineData("\"logit_bias\":\"x\"", "logit_bias")]
    public async Task Gateway_DegradedAccountSendingARemovedKeyOfAnotherType_UpstreamNeverSeesIt(string member, string key)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);
        await OverrideAsync(gateway, "acct_odd", "degrade");
        var json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":\"8\",\"max_completion_tokens\":{\"a\":1}," + member + "}";

        using var response = await gateway.Client(null).SendAsync(Request("acct_odd", json, "json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = JsonNode.Parse(Assert.Single(upstream.Received).Body)!.AsObject();
        Assert.False(forwarded.ContainsKey(key));
        Assert.Equal(1, forwarded["n"]!.GetValue<int>());
        Assert.Equal(1024, forwarded["max_completion_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("text/plain", "logprobs=true&n=8")]
    [InlineData("application/json", "{\"model\":\"m\",")]
    [InlineData("application/json", "[1,2,3]")]
    [InlineData("application/json", "{\"\\ud800\":1,\"model\":\"m\",\"messages\":[]}")]
    [InlineData("application/json", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\\udfff\"}]}")]
    public async Task Gateway_BodyThatIsNotAJsonObject_Is400InTheOpenAiShapeAndNotForwarded(string contentType, string body)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);
        using var request = new HttpRequestMessage(HttpMethod.Post, Completions) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("x-distillguard-account", "acct_x");

        using var response = await gateway.Client(null).SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["code"]!.GetValue<string>());
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task Gateway_GzipBombPastTheBodyLimit_Is413AndNotForwarded()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(
            store, new Dictionary<string, string?> { ["DistillGuard:Server:MaxRequestBodyBytes"] = "1048576" }, upstream: upstream.Address);

        // 64 MiB of spaces inside a JSON string compresses to about 64 KiB: small on the wire, far past the limit decoded.
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync("{\"model\":\"m\",\"x\":\""u8.ToArray(), Ct);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 64; i++)
            {
                await gzip.WriteAsync(spaces, Ct);
            }

            await gzip.WriteAsync("\"}"u8.ToArray(), Ct);
        }

        Assert.True(compressed.Length < 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, Completions) { Content = new ByteArrayContent(compressed.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.Add("x-distillguard-account", "acct_bomb");

        using var response = await gateway.Client(null).SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["code"]!.GetValue<string>());
        Assert.Empty(upstream.Received);
    }

    [Theory]
    [InlineData("compress", HttpStatusCode.UnsupportedMediaType, "unsupported_content_encoding")]
    [InlineData("gzip", HttpStatusCode.BadRequest, "invalid_content_encoding")]
    public async Task Gateway_BodyInAnEncodingItCannotRead_IsRefusedAndNotForwarded(string encoding, HttpStatusCode expected, string code)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);
        using var request = new HttpRequestMessage(HttpMethod.Post, Completions) { Content = new StringContent(Harvest, Encoding.UTF8, "application/json") };
        request.Content.Headers.ContentEncoding.Add(encoding);
        request.Headers.Add("x-distillguard-account", "acct_enc");

        using var response = await gateway.Client(null).SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(code, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!["code"]!.GetValue<string>());
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task Gateway_ThrottledAccountRotatingTheBodysUser_IsRefusedPastTheAccountsBudget()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address, time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await OverrideAsync(gateway, "acct_rot", "throttle");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var body = Harvest[..^1] + $",\"user\":\"invented-{i}\"}}";
            using var response = await gateway.Client(null).SendAsync(Request("acct_rot", body, "json"), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 15)), statuses);
        Assert.Equal(5, upstream.Received.Count);
    }

    private static string Nest(int depth) =>
        string.Concat(Enumerable.Repeat("{\"type\":\"object\",\"properties\":{\"a\":", depth)) + "{\"type\":\"string\"}" + string.Concat(Enumerable.Repeat("}}", depth));

    private static HttpRequestMessage Request(string account, string json, string encoding)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var bytes = encoding switch
        {
            "gzip" => Compress(utf8, s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)),
            "deflate" => Compress(utf8, s => new ZLibStream(s, CompressionLevel.Fastest, leaveOpen: true)),
            "br" => Compress(utf8, s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true)),
            _ => utf8,
        };
        var content = new ByteArrayContent(bytes);
        if (encoding is not "no-content-type")
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(encoding == "text-plain" ? "text/plain" : "application/json");
        }

        if (encoding is "gzip" or "deflate" or "br")
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, Completions) { Content = content };
        request.Headers.Add("x-distillguard-account", account);
        return request;
    }

    private static byte[] Compress(byte[] data, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Sets an admin override on an account, through the gateway's own API.</summary>
    internal static async Task OverrideAsync(ServiceInstance gateway, string account, string action)
    {
        var body = new JsonObject { ["account_id"] = account, ["action"] = action, ["reason"] = "test", ["expires_at"] = "2999-01-01T00:00:00Z" };
        using var response = await gateway.Client(ServiceInstance.AdminKey).PostAsync(
            "/distillguard/v1/overrides", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
