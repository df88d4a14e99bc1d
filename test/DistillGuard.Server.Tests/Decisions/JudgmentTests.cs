using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Decisions;

public sealed class JudgmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetJudgment_AfterIngest_IsTheFindingsScoreVerdictAndCampaignAndLaterUpdatesReplaceIt()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var host = service.Service<EngineHost>();
        var lines = SimulatedTraffic.Lines;
        var half = lines.Count / 2;
        await PostAsync(service, lines.Take(half));
        var account = JsonNode.Parse(lines[half - 1])!["account_id"]!.GetValue<string>();
        var before = host.GetJudgment(new SubjectKey(account, null));
        Assert.NotNull(before);

        await PostAsync(service, lines.Skip(half));
        using var response = await service.Client(ServiceInstance.AnalystKey).GetAsync("/v1/findings", Ct);
        var findings = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.NotSame(before, host.GetJudgment(new SubjectKey(account, null)));
        var flagged = 0;
        foreach (var subject in findings["subjects"]!.AsArray())
        {
            var key = new SubjectKey(subject!["account_id"]!.GetValue<string>(), subject["end_user_id"]?.GetValue<string>());
            var judgment = host.GetJudgment(key);
            Assert.NotNull(judgment);
            Assert.Equal(subject["score"]!.GetValue<double>(), judgment.Score, 4);
            Assert.Equal(subject["verdict"]!.GetValue<string>(), judgment.Verdict.ToString().ToLowerInvariant());
            Assert.Equal(subject["campaign_id"]?.GetValue<string>(), judgment.CampaignId);
            flagged += judgment.Verdict >= Verdict.Suspicious ? 1 : 0;
        }

        Assert.True(flagged > 0);
    }

    [Fact]
    public async Task Decide_PolicyOnASignal_ReadsTheSignalValuesOfThePublishedJudgment()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?>
        {
            ["DistillGuard:Policies:Rules:0:Name"] = "coercion-challenge",
            ["DistillGuard:Policies:Rules:0:Signals:reasoning_elicitation"] = "0.5",
            ["DistillGuard:Policies:Rules:0:Action"] = "Challenge",
        });
        await SimulatedTraffic.PostAllAsync(service.Client(ServiceInstance.IngestKey));
        using var response = await service.Client(ServiceInstance.AnalystKey).GetAsync("/v1/findings", Ct);
        var subjects = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["subjects"]!.AsArray()
            .Where(s => s!["end_user_id"] is null)
            .Select(s => (Account: s!["account_id"]!.GetValue<string>(), Value: s["signals"]!.AsArray().FirstOrDefault(g => g!["name"]!.GetValue<string>() == "reasoning_elicitation")?["value"]!.GetValue<double>() ?? 0))
            .ToList();
        var coercing = subjects.First(s => s.Value >= 0.6).Account;
        var quiet = subjects.First(s => s.Value < 0.4).Account;

        Assert.Equal("challenge", await DecideAsync(service, coercing));
        Assert.Equal("allow", await DecideAsync(service, quiet));
        Assert.True(service.Service<EngineHost>().GetJudgment(new SubjectKey(coercing, null))!.Signals!["reasoning_elicitation"] >= 0.5);
    }

    private static async Task<string> DecideAsync(ServiceInstance service, string account)
    {
        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync(
            "/v1/decisions", new StringContent(new JsonObject { ["account_id"] = account }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["action"]!.GetValue<string>();
    }

    private static async Task PostAsync(ServiceInstance service, IEnumerable<string> lines)
    {
        using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(string.Join('\n', lines) + "\n"), Ct);
        response.EnsureSuccessStatusCode();
    }
}
