using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Server.Tests.Decisions;

public sealed class EnforcementStateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decide_ThrottledAccountWithRotatingEndUsers_SharesTheAccountsBudgetAndAuditsOnce()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, time: new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await OverrideAsync(service, "acct_rot", null, "throttle");

        var actions = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            actions.Add((await DecideAsync(service, "acct_rot", $"invented-{i}"))["action"]!.GetValue<string>());
        }

        // The default budget is a burst of 5: five served degraded, every later end user refused.
        Assert.Equal(Enumerable.Repeat("degrade", 5).Concat(Enumerable.Repeat("throttle", 45)), actions);
        Assert.Equal(1, service.Service<DecisionService>().TrackedSubjects);
        var audited = await EnforcementAuditAsync(service);
        Assert.Equal(["subject:acct_rot"], audited.Where(t => t.StartsWith("subject:acct_rot", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Decide_ThrottledAccount_RefillsOneTokenPerIntervalOfTheInjectedClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, time: time);
        await OverrideAsync(service, "acct_t", null, "throttle");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("degrade", (await DecideAsync(service, "acct_t", null))["action"]!.GetValue<string>());
        }

        var refused = await DecideAsync(service, "acct_t", null);
        Assert.Equal("throttle", refused["action"]!.GetValue<string>());
        Assert.Equal(6000, refused["retry_after_ms"]!.GetValue<long>());

        // 10 a minute: one token every 6 s of the service's clock, and none before.
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1000, (await DecideAsync(service, "acct_t", null))["retry_after_ms"]!.GetValue<long>());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("degrade", (await DecideAsync(service, "acct_t", null))["action"]!.GetValue<string>());
        Assert.Equal("throttle", (await DecideAsync(service, "acct_t", null))["action"]!.GetValue<string>());

        // A long idle time refills the burst, not more.
        time.Advance(TimeSpan.FromHours(1));
        var after = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            after.Add((await DecideAsync(service, "acct_t", null))["action"]!.GetValue<string>());
        }

        Assert.Equal(Enumerable.Repeat("degrade", 5).Concat(Enumerable.Repeat("throttle", 2)), after);
    }

    [Fact]
    public async Task Decide_EndUserOverrideStricterThanItsAccount_BindsOnlyThatEndUser()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, time: new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await OverrideAsync(service, "acct_router", "bad-user", "block");

        Assert.Equal("block", (await DecideAsync(service, "acct_router", "bad-user"))["action"]!.GetValue<string>());
        Assert.Equal("allow", (await DecideAsync(service, "acct_router", "someone-else"))["action"]!.GetValue<string>());
        Assert.Equal("allow", (await DecideAsync(service, "acct_router", null))["action"]!.GetValue<string>());
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task OverrideAsync(ServiceInstance service, string account, string? endUser, string action)
    {
        var body = new JsonObject { ["account_id"] = account, ["action"] = action, ["reason"] = "test", ["expires_at"] = "2999-01-01T00:00:00Z" };
        if (endUser is not null)
        {
            body["end_user_id"] = endUser;
        }

        using var response = await service.Client(ServiceInstance.AdminKey).PostAsync("/v1/overrides", Json(body), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

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

    /// <summary>
    /// The targets of every <c>enforcement.changed</c> entry, read once a sentinel change queued after everything
    /// else has been written (the audit queue is written in order).
    /// </summary>
    private static async Task<List<string>> EnforcementAuditAsync(ServiceInstance service)
    {
        await OverrideAsync(service, "acct_sentinel", null, "block");
        await DecideAsync(service, "acct_sentinel", null);
        for (var attempt = 0; attempt < 400; attempt++)
        {
            using var response = await service.Client(ServiceInstance.AnalystKey).GetAsync("/v1/audit?after=0&limit=1000", Ct);
            var targets = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["entries"]!.AsArray()
                .Where(e => e!["action"]!.GetValue<string>() == "enforcement.changed")
                .Select(e => e!["target"]!.GetValue<string>())
                .ToList();
            if (targets.Contains("subject:acct_sentinel"))
            {
                return targets;
            }

            // Real time on purpose: this waits for the background audit writer, not for the service's fake clock.
            await Task.Delay(25, Ct);
        }

        Assert.Fail("the sentinel's enforcement change never reached the audit log");
        return [];
    }
}
