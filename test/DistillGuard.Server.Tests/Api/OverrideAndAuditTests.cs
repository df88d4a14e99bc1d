using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Api;

public sealed class OverrideAndAuditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostOverride_Block_WinsOverPolicyAndIsAudited()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var admin = service.Client(ServiceInstance.AdminKey);

        using var created = await admin.PostAsync("/v1/overrides", Json(new JsonObject
        {
            ["account_id"] = "acct_1",
            ["action"] = "block",
            ["reason"] = "confirmed harvesting, ticket 42",
            ["expires_at"] = "2999-01-01T00:00:00Z",
        }), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("admin-test", stored["created_by"]!.GetValue<string>());
        var decision = await DecideAsync(service, "acct_1", null);
        Assert.Equal("block", decision["action"]!.GetValue<string>());
        Assert.Contains("ticket 42", decision["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var audit = await AuditAsync(service, 0, 100);
        var actions = audit["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("override.created", actions);
        var created_ = audit["entries"]!.AsArray().First(e => e!["action"]!.GetValue<string>() == "override.created")!;
        Assert.Equal("admin-test", created_["actor"]!.GetValue<string>());
        Assert.Equal("account:acct_1", created_["target"]!.GetValue<string>());
        await WaitForAuditAsync(service, "enforcement.changed");
    }

    [Fact]
    public async Task PostOverride_AllowListedEndUser_IsAllowedWhileTheAccountIsNot()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var admin = service.Client(ServiceInstance.AdminKey);
        await admin.PostAsync("/v1/overrides", Json(new JsonObject { ["account_id"] = "acct_r", ["action"] = "challenge", ["reason"] = "r", ["expires_at"] = "2999-01-01T00:00:00Z" }), Ct);
        await admin.PostAsync("/v1/overrides", Json(new JsonObject { ["account_id"] = "acct_r", ["end_user_id"] = "eval-vendor", ["action"] = "allow", ["reason"] = "known evaluation vendor", ["expires_at"] = "2999-01-01T00:00:00Z" }), Ct);

        Assert.Equal("allow", (await DecideAsync(service, "acct_r", "eval-vendor"))["action"]!.GetValue<string>());
        Assert.Equal("challenge", (await DecideAsync(service, "acct_r", "someone-else"))["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Overrides_SurviveARestart()
    {
        await using var store = StoreLocation.Sqlite();
        await using (var service = await ServiceInstance.StartAsync(store))
        {
            await service.Client(ServiceInstance.AdminKey).PostAsync("/v1/overrides", Json(new JsonObject
            {
                ["account_id"] = "acct_1", ["action"] = "block", ["reason"] = "r", ["expires_at"] = "2999-01-01T00:00:00Z",
            }), Ct);
        }

        await using var restarted = await ServiceInstance.StartAsync(store);

        Assert.Equal("block", (await DecideAsync(restarted, "acct_1", null))["action"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"action":"block","reason":"r","expires_at":"2999-01-01T00:00:00Z"}""")]
    [InlineData("""{"account_id":"a","action":"smite","reason":"r","expires_at":"2999-01-01T00:00:00Z"}""")]
    [InlineData("""{"account_id":"a","action":"block","expires_at":"2999-01-01T00:00:00Z"}""")]
    [InlineData("""{"account_id":"a","action":"block","reason":"r"}""")]
    [InlineData("""{"account_id":"a","action":"block","reason":"r","expires_at":"2001-01-01T00:00:00Z"}""")]
    [InlineData("""{"account_id":"a","action":"block","reason":"r","expires_at":"tomorrow"}""")]
    public async Task PostOverride_Invalid_Is400(string body)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client(ServiceInstance.AdminKey).PostAsync("/v1/overrides", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostOverride_WrongContentType_Is415()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client(ServiceInstance.AdminKey).PostAsync("/v1/overrides", new StringContent("{}", Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task GetAudit_PagesWithAfterAndLimit()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var admin = service.Client(ServiceInstance.AdminKey);
        for (var i = 0; i < 5; i++)
        {
            await admin.PostAsync("/v1/overrides", Json(new JsonObject { ["account_id"] = $"acct_{i}", ["action"] = "degrade", ["reason"] = "r", ["expires_at"] = "2999-01-01T00:00:00Z" }), Ct);
        }

        var ids = new List<long>();
        long after = 0;
        while (true)
        {
            var page = await AuditAsync(service, after, 2);
            ids.AddRange(page["entries"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()));
            if (page["next"] is null)
            {
                break;
            }

            after = page["next"]!.GetValue<long>();
        }

        Assert.True(ids.Count >= 5);
        Assert.Equal(ids.Distinct().Order(), ids);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=5000")]
    [InlineData("?after=-1")]
    [InlineData("?limit=abc")]
    public async Task GetAudit_BadQuery_Is400(string query)
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        using var response = await service.Client(ServiceInstance.AnalystKey).GetAsync("/v1/audit" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_IsAuditedWithTheKeysName()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);

        await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(ExchangeLines.Body(ExchangeLines.Exchange("ex_1", "acct_1"))), Ct);

        var entry = (await AuditAsync(service, 0, 100))["entries"]!.AsArray().First(e => e!["action"]!.GetValue<string>() == "exchanges.ingested")!;
        Assert.Equal("ingest-test", entry["actor"]!.GetValue<string>());
        Assert.Equal("1", entry["detail"]!["accepted"]!.GetValue<string>());
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonNode> DecideAsync(ServiceInstance service, string account, string? endUser)
    {
        var body = new JsonObject { ["account_id"] = account };
        if (endUser is not null)
        {
            body["end_user_id"] = endUser;
        }

        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/decisions", Json(body), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private static async Task<JsonNode> AuditAsync(ServiceInstance service, long after, int limit)
    {
        using var response = await service.Client(ServiceInstance.AnalystKey).GetAsync($"/v1/audit?after={after}&limit={limit}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private static async Task WaitForAuditAsync(ServiceInstance service, string action)
    {
        // Enforcement changes are written by the background audit writer; wait for it (bounded).
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var entries = (await AuditAsync(service, 0, 1000))["entries"]!.AsArray();
            if (entries.Any(e => e!["action"]!.GetValue<string>() == action))
            {
                return;
            }

            await Task.Delay(25, Ct);
        }

        Assert.Fail($"no '{action}' entry reached the audit log");
    }
}
