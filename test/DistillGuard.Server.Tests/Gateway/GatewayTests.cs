using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Gateway;
using DistillGuard.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Server.Tests.Gateway;

public sealed class GatewayTests
{
    private const string Completions = "/v1/chat/completions";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gateway_BenignRequest_IsForwardedUnchangedWithoutDistillGuardHeaders()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);
        var body = """{"model":"frontier-large","messages":[{"role":"user","content":"What is the capital of France?"}],"logprobs":true,"top_logprobs":2,"max_tokens":1}""";

        using var response = await SendAsync(gateway, "acct_benign", null, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Paris.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var (received, headers) = Assert.Single(upstream.Received);
        Assert.Equal(body, received);
        Assert.DoesNotContain("x-distillguard-account", headers.Keys);
    }

    [Fact]
    public async Task Gateway_WithoutAccount_Is401InTheOpenAiShape()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);

        using var response = await SendAsync(gateway, null, null, """{"model":"m","messages":[]}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!;
        Assert.Equal("missing_account", error["code"]!.GetValue<string>());
        Assert.NotNull(error["message"]);
        Assert.NotNull(error["type"]);
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task Gateway_Stream_PassesChunksThroughAsTheyComeAndRecordsUsage()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));

        using var request = Request("acct_stream", "user-9", """{"model":"frontier-large","stream":true,"messages":[{"role":"user","content":"Say hello"}]}""");
        request.Headers.Add("x-test-hold-stream", "1");
        using var response = await gateway.Client(null).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);

        // The upstream holds the rest of the stream until the first chunk has reached us through the gateway.
        var first = await ReadAtLeastAsync(stream, Encoding.UTF8.GetByteCount(FakeUpstream.FirstChunk), timeout.Token);
        Assert.Equal(FakeUpstream.FirstChunk, first);
        upstream.ReleaseStream();
        using var rest = new StreamReader(stream, Encoding.UTF8);
        Assert.Equal(FakeUpstream.RestOfStream, await rest.ReadToEndAsync(timeout.Token));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        await gateway.Service<GatewayRecorder>().DrainAsync(timeout.Token);
        using var subject = await gateway.Client(ServiceInstance.AnalystKey).GetAsync("/distillguard/v1/subjects/acct_stream?end_user_id=user-9", Ct);
        Assert.Equal(HttpStatusCode.OK, subject.StatusCode);
        Assert.Equal(1, JsonNode.Parse(await subject.Content.ReadAsStringAsync(Ct))!["subject"]!["exchanges"]!.GetValue<long>());
    }

    [Fact]
    public async Task Gateway_EndUserFromTheBody_IsJudgedApart()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var gateway = await ServiceInstance.StartAsync(store, upstream: upstream.Address);

        using var response = await SendAsync(gateway, "acct_router", null, """{"model":"m","messages":[{"role":"user","content":"hi"}],"safety_identifier":"u-42"}""");
        await gateway.Service<GatewayRecorder>().DrainAsync(Ct);

        using var subject = await gateway.Client(ServiceInstance.AnalystKey).GetAsync("/distillguard/v1/subjects/acct_router?end_user_id=u-42", Ct);
        Assert.Equal(HttpStatusCode.OK, subject.StatusCode);
    }

    [Fact]
    public async Task Gateway_ReplayedCampaign_IsDegradedThenRefusedWhileBenignTrafficIsServedUnchanged()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var store = StoreLocation.Sqlite();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);

        // Throttle budgets refill on the service's clock, which follows the replayed traffic: a budget of a few requests
        // an hour is one the replayed harvester overruns.
        var budget = new Dictionary<string, string?>
        {
            ["DistillGuard:Policies:Throttle:Burst"] = "5",
            ["DistillGuard:Policies:Throttle:RequestsPerPeriod"] = "2",
            ["DistillGuard:Policies:Throttle:Period"] = "01:00:00",
        };
        await using var gateway = await ServiceInstance.StartAsync(store, budget, upstream: upstream.Address, time: time);
        var attacker = Account("distillation", "overt-1");
        var benign = SimulatedTraffic.Labels.Select(l => JsonNode.Parse(l)!)
            .Where(l => l["label"]!.GetValue<string>() == "benign" && l["population"]?.GetValue<string>() == "chat" && l["end_user_id"] is null)
            .Select(l => l["account_id"]!.GetValue<string>())
            .ToHashSet();
        var lines = SimulatedTraffic.Lines.Select(l => JsonNode.Parse(l)!)
            .Where(l => l["account_id"]!.GetValue<string>() == attacker || benign.Contains(l["account_id"]!.GetValue<string>()))
            .Take(400)
            .ToList();
        Assert.Contains(lines, l => l["account_id"]!.GetValue<string>() == attacker);

        var attackerOutcomes = new List<string>();
        var benignServed = 0;
        foreach (var line in lines)
        {
            var ts = DateTimeOffset.Parse(line["ts"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            if (ts > time.GetUtcNow())
            {
                time.SetUtcNow(ts);
            }

            var account = line["account_id"]!.GetValue<string>();
            var body = line["request"]!.ToJsonString();
            var before = upstream.Received.Count;
            using var request = Request(account, line["end_user_id"]?.GetValue<string>(), body);
            request.Headers.Add("x-test-completion-tokens", (line["response"]?["usage"]?["completion_tokens"]?.GetValue<int>() ?? 50).ToString(CultureInfo.InvariantCulture));
            using var response = await gateway.Client(null).SendAsync(request, Ct);
            var forwarded = upstream.Received.Count > before ? upstream.Received.Last().Body : null;
            if (account == attacker)
            {
                attackerOutcomes.Add(response.StatusCode switch
                {
                    HttpStatusCode.OK when forwarded == body => "served",
                    HttpStatusCode.OK => "degraded",
                    HttpStatusCode.TooManyRequests => "throttled",
                    HttpStatusCode.Forbidden => "blocked",
                    var other => other.ToString(),
                });
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden)
                {
                    var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!;
                    Assert.NotNull(error["code"]);
                    Assert.Null(forwarded);
                }
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(body, forwarded);
                benignServed++;
            }

            // Let the engine learn from what was served before the next request, as a live gateway would over time.
            await gateway.Service<GatewayRecorder>().DrainAsync(Ct);
        }

        Assert.True(benignServed > 0);
        var summary = string.Join(",", attackerOutcomes);
        var firstDegraded = attackerOutcomes.IndexOf("degraded");
        var firstRefused = attackerOutcomes.FindIndex(o => o is "throttled" or "blocked");
        Assert.True(firstDegraded >= 0, summary);
        Assert.True(firstRefused > firstDegraded, summary);
        Assert.Equal("served", attackerOutcomes[0]);
    }

    private static string Account(string label, string campaign) =>
        SimulatedTraffic.Labels.Select(l => JsonNode.Parse(l)!)
            .First(l => l["label"]!.GetValue<string>() == label && l["campaign"]?.GetValue<string>() == campaign && l["end_user_id"] is null)["account_id"]!
            .GetValue<string>();

    private static HttpRequestMessage Request(string? account, string? endUser, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Completions) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (account is not null)
        {
            request.Headers.Add("x-distillguard-account", account);
        }

        if (endUser is not null)
        {
            request.Headers.Add("x-distillguard-end-user", endUser);
        }

        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(ServiceInstance gateway, string? account, string? endUser, string body)
    {
        using var request = Request(account, endUser, body);
        return await gateway.Client(null).SendAsync(request, Ct);
    }

    private static async Task<string> ReadAtLeastAsync(Stream stream, int bytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[bytes];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return Encoding.UTF8.GetString(buffer);
    }
}
