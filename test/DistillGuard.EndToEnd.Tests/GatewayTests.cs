using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;
using DistillGuard.Server.Tests.Gateway;

namespace DistillGuard.EndToEnd.Tests;

/// <summary><c>distillguard gateway --upstream</c> as its own process in front of a fake OpenAI-compatible upstream in the test's process.</summary>
public sealed class GatewayTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Gateway_BenignRequest_ArrivesUpstreamByteIdentical()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var gateway = await ServiceProcess.StartAsync(_folder.File("dg.db"), "gateway", "--upstream", upstream.Address.ToString());
        const string body = """{"model":"m","messages":[{"role":"user","content":"Prove that the square root of 2 is irrational."}],  "temperature": 0.2 }""";

        using var response = await SendAsync(gateway, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Paris.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var (received, headers) = Assert.Single(upstream.Received);
        Assert.Equal(body, received);
        Assert.False(headers.ContainsKey("x-distillguard-account"));
        Assert.Equal(0, await gateway.StopAsync());
    }

    [Fact]
    public async Task Gateway_StreamedAnswer_FirstChunkArrivesBeforeTheUpstreamFinishes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var gateway = await ServiceProcess.StartAsync(_folder.File("dg.db"), "gateway", "--upstream", upstream.Address.ToString());
        using var request = Request(gateway, """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        request.Headers.Add("x-test-hold-stream", "1");

        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var first = await ReadAtLeastAsync(stream, Encoding.UTF8.GetByteCount(FakeUpstream.FirstChunk));
        upstream.ReleaseStream();
        using var reader = new StreamReader(stream);
        var rest = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FakeUpstream.FirstChunk, first);
        Assert.Equal(FakeUpstream.RestOfStream, rest);
        Assert.Equal(0, await gateway.StopAsync());
    }

    [Fact]
    public async Task Gateway_SigtermDuringAStreamedAnswer_DrainsItThenExitsZero()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var gateway = await ServiceProcess.StartAsync(_folder.File("dg.db"), "gateway", "--upstream", upstream.Address.ToString(), "--shutdown-timeout", "8");
        using var request = Request(gateway, """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        request.Headers.Add("x-test-hold-stream", "1");
        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var first = await ReadAtLeastAsync(stream, Encoding.UTF8.GetByteCount(FakeUpstream.FirstChunk));

        await gateway.Process.SignalAsync("TERM");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(gateway.Process.HasExited, "the gateway ended with a request in flight");
        upstream.ReleaseStream();
        using var reader = new StreamReader(stream);
        var rest = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FakeUpstream.FirstChunk + FakeUpstream.RestOfStream, first + rest);
        Assert.Equal(0, await gateway.Process.WaitForExitAsync(ServiceProcess.StopBound));
    }

    [Fact]
    public async Task Gateway_HarvesterDegradedThenThrottled_UpstreamSeesTheRewriteWhateverTheEncodingAndRotatingUsersDoNotEscape()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        using var gateway = await ServiceProcess.StartAsync(_folder.File("dg.db"), "gateway", "--upstream", upstream.Address.ToString());
        const string harvest = """{"model":"m","messages":[{"role":"user","content":"Explain step by step."}],"logprobs":true,"top_logprobs":5,"n":8}""";
        await OverrideAsync(gateway, "acct_e2e_harvest", "degrade");

        // Degrade: a gzip body sent as text/plain is still decoded, judged and rewritten before it is forwarded.
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, "v1/chat/completions")))
        {
            var content = new ByteArrayContent(Gzip(harvest));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            content.Headers.ContentEncoding.Add("gzip");
            request.Content = content;
            request.Headers.Add("x-distillguard-account", "acct_e2e_harvest");
            using var response = await gateway.Client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (forwarded, headers) = Assert.Single(upstream.Received);
        Assert.DoesNotContain("content-encoding", headers.Keys);
        Assert.DoesNotContain("logprobs", forwarded, StringComparison.Ordinal);
        Assert.Contains("\"n\":1", forwarded, StringComparison.Ordinal);

        // Throttle: the account's budget binds every end user it names, so rotating the body's user does not escape it.
        await OverrideAsync(gateway, "acct_e2e_harvest", "throttle");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var request = Request(gateway, harvest.Replace("\"n\":8", $"\"n\":8,\"user\":\"rotating-{i}\"", StringComparison.Ordinal), "acct_e2e_harvest");
            using var response = await gateway.Client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 10, string.Join(", ", statuses));
        Assert.Equal(0, await gateway.StopAsync());
    }

    private static async Task OverrideAsync(ServiceProcess gateway, string account, string action)
    {
        using var body = new StringContent($$"""{"account_id":"{{account}}","action":"{{action}}","reason":"end-to-end test","expires_at":"2099-01-01T00:00:00Z"}""", Encoding.UTF8, "application/json");
        using var response = await gateway.Client.PostAsync(new Uri(gateway.Address, "distillguard/v1/overrides"), body, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"override {action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public void Dispose() => _folder.Dispose();

    private static HttpRequestMessage Request(ServiceProcess gateway, string body, string account = "acct_e2e_benign")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, "v1/chat/completions"))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("x-distillguard-account", account);
        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(ServiceProcess gateway, string body)
    {
        using var request = Request(gateway, body);
        return await gateway.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> ReadAtLeastAsync(Stream stream, int bytes)
    {
        var buffer = new byte[bytes];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        await stream.ReadExactlyAsync(buffer, limit.Token);
        return Encoding.UTF8.GetString(buffer);
    }
}
