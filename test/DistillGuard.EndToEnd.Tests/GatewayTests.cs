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

    public void Dispose() => _folder.Dispose();

    private static HttpRequestMessage Request(ServiceProcess gateway, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, "v1/chat/completions"))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("x-distillguard-account", "acct_e2e_benign");
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
