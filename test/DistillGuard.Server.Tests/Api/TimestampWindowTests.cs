using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Api;

/// <summary>An exchange dated in the year 9999 (or before 2000) is a bad line like any other, whichever way it comes in.</summary>
public sealed class TimestampWindowTests
{
    private const string Poison = "9999-12-31T23:59:59Z";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Dated(string id, string account, string ts)
    {
        var line = ExchangeLines.Exchange(id, account);
        line["ts"] = ts;
        return line;
    }

    [Theory]
    [InlineData(Poison, "is more than 1 day after the latest accepted exchange")]
    [InlineData("1970-01-01T00:00:00Z", "is before 2000-01-01T00:00:00Z")]
    public async Task PostExchanges_TimestampOutsideTheWindow_IsRejectedAndTheServiceGoesOn(string ts, string reason)
    {
        await using var store = StoreLocation.Sqlite();
        await using (var service = await ServiceInstance.StartAsync(store))
        {
            var client = service.Client(ServiceInstance.IngestKey);
            var body = ExchangeLines.Body(ExchangeLines.Exchange("ex_1", "acct_1"), Dated("ex_2", "acct_2", ts), ExchangeLines.Exchange("ex_3", "acct_1", minute: 1));

            using var response = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(body), Ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            Assert.Equal(2, answer["accepted"]!.GetValue<long>());
            var rejected = Assert.Single(answer["rejected"]!.AsArray());
            Assert.Equal(2, rejected!["line"]!.GetValue<long>());
            Assert.Contains(reason, rejected["reason"]!.GetValue<string>(), StringComparison.Ordinal);

            using var later = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(ExchangeLines.Body(ExchangeLines.Exchange("ex_4", "acct_1", minute: 2))), Ct);
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
            Assert.Equal(3, await FindingsAcceptedAsync(service));
        }

        // A restart replays the journal: it starts, and holds what was accepted.
        await using var restarted = await ServiceInstance.StartAsync(store);
        Assert.Equal(3, await FindingsAcceptedAsync(restarted));
    }

    [Fact]
    public async Task PostExchanges_FirstEverExchangeInTheYear9999_IsRejectedAgainstTheClock()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(ExchangeLines.Body(Dated("ex_1", "acct_1", Poison))), Ct);

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(0, answer["accepted"]!.GetValue<long>());
        Assert.Single(answer["rejected"]!.AsArray());
        Assert.Equal(0, await service.Service<IServiceStore>().CountExchangesAsync(Ct));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    public async Task PostLiteLlm_PayloadInTheYear9999_IsRejectedAndTheServiceGoesOn(string contentType)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var payload = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "standard_logging_payload.json"), Ct))!;
        var poison = payload.DeepClone();
        poison["id"] = "chatcmpl-poison";
        poison["startTime"] = "9999-12-31 23:59:59.000000";
        poison["endTime"] = "9999-12-31 23:59:59.500000";
        var body = contentType == "application/json"
            ? new JsonArray(payload.DeepClone(), poison).ToJsonString()
            : payload.ToJsonString() + "\n" + poison.ToJsonString() + "\n";

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges/litellm", new StringContent(body, Encoding.UTF8, contentType), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(1, answer["accepted"]!.GetValue<long>());
        var rejected = Assert.Single(answer["rejected"]!.AsArray());
        Assert.Equal(2, rejected!["line"]!.GetValue<long>());
        Assert.StartsWith("ts 9999-12-31T23:59:59Z is more than 1 day after", rejected["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await FindingsAcceptedAsync(service));
    }

    private static async Task<long> FindingsAcceptedAsync(ServiceInstance service) =>
        (await ServiceJson.GetAsync(service.Client(ServiceInstance.AnalystKey), "/v1/findings"))["input"]!["accepted"]!.GetValue<long>();
}
