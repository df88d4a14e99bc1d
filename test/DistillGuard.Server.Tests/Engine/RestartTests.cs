using System.Text.Json.Nodes;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Engine;

public sealed class RestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool> Cases => new()
    {
        { "sqlite", true },
        { "sqlite", false },
        { "postgres", true },
        { "postgres", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Restart_CheckpointPlusReplay_KeepsEveryExchangeAndVerdict(string backend, bool checkpointMidway)
    {
        await using var store = await StoreLocation.CreateAsync(backend);
        var half = SimulatedTraffic.Lines.Count / 2;
        JsonNode before;
        await using (var service = await ServiceInstance.StartAsync(store, NoAutomaticCheckpoints))
        {
            var client = service.Client(ServiceInstance.IngestKey);
            await PostAsync(client, SimulatedTraffic.Lines.Take(half));
            if (checkpointMidway)
            {
                await service.Service<EngineHost>().CheckpointAsync(Ct);
            }

            await PostAsync(client, SimulatedTraffic.Lines.Skip(half));
            before = await FindingsAsync(service);

            // Stop without the clean stop's checkpoint, as a crash would.
            await service.AbandonAsync();
        }

        await using var restarted = await ServiceInstance.StartAsync(store, NoAutomaticCheckpoints);
        var after = await FindingsAsync(restarted);

        Assert.Equal(SimulatedTraffic.Lines.Count, after["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(Verdicts(before), Verdicts(after));
        // Evidence quotes of prompts are not stored (no prompt text is, by default): the restarted engine judges the same
        // and cites a prompt again from the next one worth quoting.
        Assert.Equal(WithoutQuotes(before["campaigns"]!), WithoutQuotes(after["campaigns"]!));
        Assert.Equal(SimulatedTraffic.Lines.Count, await restarted.Service<IServiceStore>().CountExchangesAsync(Ct));
    }

    [Fact]
    public async Task Restart_DamagedCheckpoint_ReplaysTheWholeJournal()
    {
        await using var store = StoreLocation.Sqlite();
        await using (var service = await ServiceInstance.StartAsync(store, NoAutomaticCheckpoints))
        {
            await PostAsync(service.Client(ServiceInstance.IngestKey), SimulatedTraffic.Lines.Take(3000));
            await service.AbandonAsync();
        }

        await using (var raw = new DistillGuard.Storage.Sqlite.SqliteServiceStore(new() { DataSource = store.SqlitePath! }))
        {
            await raw.InitializeAsync(Ct);
            await raw.SaveCheckpointAsync(new EngineCheckpoint { Sequence = 2000, CreatedAt = DateTimeOffset.UnixEpoch, Data = [1, 2, 3] }, Ct);
        }

        await using var restarted = await ServiceInstance.StartAsync(store, NoAutomaticCheckpoints);

        Assert.Equal(3000, (await FindingsAsync(restarted))["input"]!["accepted"]!.GetValue<long>());
    }

    private static Dictionary<string, string?> NoAutomaticCheckpoints => new()
    {
        ["DistillGuard:Engine:CheckpointEveryExchanges"] = "0",
        ["DistillGuard:Engine:CheckpointInterval"] = "01:00:00",
    };

    private static Task PostAsync(HttpClient client, IEnumerable<string> lines) => ExchangeLines.PostAsync(client, lines);

    private static Task<JsonNode> FindingsAsync(ServiceInstance service) => ServiceJson.GetAsync(service.Client(ServiceInstance.AnalystKey), "/v1/findings");

    private static string WithoutQuotes(JsonNode campaigns) =>
        System.Text.RegularExpressions.Regex.Replace(campaigns.ToJsonString(), @", e\.g\. \\u0022.*?\\u0022(?=;|"")", string.Empty);

    private static List<string> Verdicts(JsonNode findings) =>
        [.. findings["subjects"]!.AsArray()
            .Select(s => $"{s!["account_id"]}/{s["end_user_id"]}:{s["verdict"]}:{s["score"]}:{s["campaign_id"]}")
            .Order(StringComparer.Ordinal)];
}
