using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary>
/// The request path attacked as a provider's users could, through the built <c>distillguard serve</c>: a timestamp at
/// the end of time, a second process on the same database, end-user ids rotated under a throttled account.
/// </summary>
public sealed class RequestPathAttackTests(SimulatedTraffic traffic) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Ingest_TimestampAtTheEndOfTime_LineRejectedAndTheServiceKeepsWorkingAndRestarts()
    {
        var database = _folder.File("dg.db");
        var poison = JsonNode.Parse(traffic.Lines[0])!;
        poison["id"] = "ex_poison_1";
        poison["ts"] = "9999-12-31T23:59:59Z";
        using (var first = await ServiceProcess.StartAsync(database, "serve"))
        {
            using var content = Ndjson(poison.ToJsonString() + "\n");
            using var response = await first.Client.PostAsync("v1/exchanges", content, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var answer = JsonNode.Parse(text)!;
                Assert.Equal(0, answer["accepted"]!.GetValue<long>());
                var rejected = Assert.Single(answer["rejected"]!.AsArray());
                Assert.Equal(1, rejected!["line"]!.GetValue<long>());
                Assert.False(string.IsNullOrWhiteSpace(rejected["reason"]!.GetValue<string>()));
            }
            else
            {
                Assert.InRange((int)response.StatusCode, 400, 499);
            }

            var later = await ServiceApi.PostExchangesAsync(first.Client, traffic.Lines.Take(2000));
            Assert.Equal(2000, later["accepted"]!.GetValue<long>());
            Assert.Equal(2000, (await ServiceApi.GetFindingsAsync(first.Client))["input"]!["accepted"]!.GetValue<long>());
            Assert.Equal(0, await first.StopAsync());
        }

        using var second = await ServiceProcess.StartAsync(database, "serve");
        Assert.Equal(2000, (await ServiceApi.GetFindingsAsync(second.Client))["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(0, await second.StopAsync());
    }

    [Fact]
    public async Task Serve_SecondProcessOnTheSameDatabase_RefusesToStartWithAClearMessage()
    {
        var database = _folder.File("dg.db");
        using var first = await ServiceProcess.StartAsync(database, "serve");

        var second = await CliProcess.RunAsync(
            ["serve", "--urls", "http://127.0.0.1:0", "--db", database],
            input: null,
            new Dictionary<string, string?> { ["DISTILLGUARD_ADMIN_KEY"] = ServiceProcess.AdminKey },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains(Path.GetFileName(database), second.Error, StringComparison.Ordinal);
        using var health = await first.Client.GetAsync("healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, await first.StopAsync());
    }

    [Fact]
    public async Task Decisions_FiftyRotatingEndUsersOfAThrottledAccount_DoNotEscapeTheThrottle()
    {
        var policies = _folder.File("policies.json");
        await File.WriteAllTextAsync(policies, """{"Throttle": {"Burst": 5, "RequestsPerPeriod": 1, "Period": "01:00:00"}}""", TestContext.Current.CancellationToken);
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), "serve", "--policies", policies);
        using (var content = Json("""{"account_id":"acct_rotating","action":"throttle","reason":"end-to-end test","expires_at":"2099-01-01T00:00:00Z"}"""))
        using (var created = await service.Client.PostAsync("v1/overrides", content, TestContext.Current.CancellationToken))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var throttled = 0;
        for (var i = 0; i < 50; i++)
        {
            using var content = Json($$$"""{"account_id":"acct_rotating","end_user_id":"u_rotating_{{{i}}}","request":{"model":"m","messages":[{"role":"user","content":"hi"}]}}""");
            using var response = await service.Client.PostAsync("v1/decisions", content, TestContext.Current.CancellationToken);
            var decision = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
            throttled += decision["action"]!.GetValue<string>() == "throttle" ? 1 : 0;
        }

        Assert.True(throttled >= 45, $"{throttled} of 50 decisions were 'throttle'");
        Assert.Equal(0, await service.StopAsync());
    }

    public void Dispose() => _folder.Dispose();

    private static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
