using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Api;

public sealed class ExchangeIngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task PostExchanges_MixedLines_AcceptsGoodRejectsBadWithLineNumbers(string backend)
    {
        await using var store = await StoreLocation.CreateAsync(backend);
        await using var service = await ServiceInstance.StartAsync(store);
        var body = ExchangeLines.Body(ExchangeLines.Exchange("ex_1", "acct_1"))
            + "{not json\n"
            + """{"id":"ex_2","ts":"2026-11-20T10:00:00Z","request":{"model":"m","messages":[]},"response":{"status":200}}""" + "\n"
            + ExchangeLines.Body(ExchangeLines.Exchange("ex_3", "acct_1", minute: 1));

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(body), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(2, answer["accepted"]!.GetValue<long>());
        Assert.Equal(0, answer["duplicates"]!.GetValue<long>());
        var rejected = answer["rejected"]!.AsArray();
        Assert.Equal([2L, 3L], rejected.Select(r => r!["line"]!.GetValue<long>()));
        Assert.All(rejected, r => Assert.False(string.IsNullOrEmpty(r!["reason"]!.GetValue<string>())));
        Assert.Contains("account_id", rejected[1]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing of a rejected line is stored.
        var stored = service.Service<IServiceStore>();
        Assert.Equal(2, await stored.CountExchangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task PostExchanges_SameIdsAgain_CountsDuplicates(string backend)
    {
        await using var store = await StoreLocation.CreateAsync(backend);
        await using var service = await ServiceInstance.StartAsync(store);
        var client = service.Client(ServiceInstance.IngestKey);
        var body = ExchangeLines.Body(ExchangeLines.Exchange("ex_1", "acct_1"), ExchangeLines.Exchange("ex_2", "acct_1", minute: 1));
        using (var first = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(body), Ct))
        {
            first.EnsureSuccessStatusCode();
        }

        var again = body + ExchangeLines.Body(ExchangeLines.Exchange("ex_3", "acct_1", minute: 2), ExchangeLines.Exchange("ex_3", "acct_1", minute: 2));
        using var response = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(again), Ct);

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(1, answer["accepted"]!.GetValue<long>());
        Assert.Equal(3, answer["duplicates"]!.GetValue<long>());
        Assert.Equal(3, await service.Service<IServiceStore>().CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task PostExchanges_WrongContentType_Is415()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var body = ExchangeLines.Body(ExchangeLines.Exchange("ex_1", "acct_1"));

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-ndjson", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await service.Service<IServiceStore>().CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task PostExchanges_BodyOverTheLimit_Is413AndStoresNothing()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?> { ["DistillGuard:Server:MaxRequestBodyBytes"] = "4096" });
        var lines = Enumerable.Range(0, 40).Select(i => ExchangeLines.Exchange($"ex_{i}", "acct_1", minute: i)).ToArray();

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(ExchangeLines.Body(lines)), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await service.Service<IServiceStore>().CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task PostLiteLlm_RealPayloadArray_IsAcceptedAndBadItemsRejected()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var payload = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "standard_logging_payload.json"), Ct);
        var body = $"[{payload}, 42]";

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges/litellm", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(1, answer["accepted"]!.GetValue<long>());
        Assert.Equal(2, answer["rejected"]![0]!["line"]!.GetValue<long>());

        using var again = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges/litellm", new StringContent($"[{payload}]", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(1, JsonNode.Parse(await again.Content.ReadAsStringAsync(Ct))!["duplicates"]!.GetValue<long>());
    }

    [Fact]
    public async Task PostLiteLlm_NdjsonLogFormat_IsAcceptedLineByLine()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var payload = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "standard_logging_payload.json"), Ct))!;
        var body = payload.ToJsonString() + "\nnot json\n";

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges/litellm", ExchangeLines.Ndjson(body), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(1, answer["accepted"]!.GetValue<long>());
        Assert.Equal(2, answer["rejected"]![0]!["line"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("text/plain", "[]", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "\"a string\"", HttpStatusCode.BadRequest)]
    public async Task PostLiteLlm_BadBody_IsAClearError(string contentType, string body, HttpStatusCode expected)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges/litellm", new StringContent(body, Encoding.UTF8, contentType), Ct);

        Assert.Equal(expected, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!;
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PostLiteLlm_TooDeep_Is400()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var deep = new string('[', 100) + new string(']', 100);

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges/litellm", new StringContent(deep, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
