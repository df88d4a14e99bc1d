using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Storage;
using DistillGuard.Ingest;
using DistillGuard.Ingest.Exchanges;
using DistillGuard.Server.Ingestion;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Engine;

/// <summary>Exchanges pushed already built (the gateway's way in), and a checkpoint of an earlier build.</summary>
public sealed class ExchangePushTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Exchange Parse(JsonObject line)
    {
        Assert.True(new DgExchangeParser().TryParse(Encoding.UTF8.GetBytes(line.ToJsonString()), out var exchange, out var error), error);
        return exchange!;
    }

    [Fact]
    public async Task IngestExchanges_BuiltExchanges_AreJournalledAndObservedAndTheWindowApplies()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store);
        var poison = ExchangeLines.Exchange("ex_2", "acct_1");
        poison["ts"] = "9999-12-31T23:59:59Z";
        var exchanges = new[] { ExchangeLines.Exchange("ex_1", "acct_1"), poison, ExchangeLines.Exchange("ex_3", "acct_1", minute: 1), ExchangeLines.Exchange("ex_1", "acct_1") }
            .Select(Parse)
            .Select(e => (e, FeatureExtractor.Extract(e)))
            .ToList();

        var outcome = await service.Service<ExchangeIngestor>().IngestExchangesAsync(exchanges, Ct);

        Assert.Equal((2L, 1L), (outcome.Accepted, outcome.Duplicates));
        Assert.Equal(2, Assert.Single(outcome.Rejected).Line);
        Assert.Equal(2, await service.Service<IServiceStore>().CountExchangesAsync(Ct));
        var subject = await ServiceJson.GetAsync(service.Client(ServiceInstance.AnalystKey), "/v1/subjects/acct_1");
        Assert.Contains("\"exchanges\":2", subject.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_CheckpointOfAnEarlierBuild_IsRestoredAndTheJournalAfterItReplayed()
    {
        // The journal of 3,000 exchanges, and a checkpoint as an earlier build wrote it: the engine's alone, at 2,000.
        var lines = SimulatedTraffic.Lines.Take(3000).ToList();
        await using var store = StoreLocation.Sqlite();
        JsonNode expected;
        await using (var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?> { ["DistillGuard:Engine:CheckpointEveryExchanges"] = "0" }))
        {
            await ExchangeLines.PostAsync(service.Client(ServiceInstance.IngestKey), lines);
            expected = await ServiceJson.GetAsync(service.Client(ServiceInstance.AnalystKey), "/v1/findings");
            await service.AbandonAsync();
        }

        var session = new DetectionSession(new DetectionOptions { ReorderWindow = TimeSpan.Zero });
        await session.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(2000)) + "\n")), InputFormat.Exchange, cancellationToken: Ct);
        session.Flush();
        var engine = new ArrayBufferWriter<byte>();
        session.Engine.WriteCheckpoint(engine, includeQuotes: false);
        await using (var raw = new DistillGuard.Storage.Sqlite.SqliteServiceStore(new() { DataSource = store.SqlitePath! }))
        {
            await raw.InitializeAsync(Ct);
            await raw.SaveCheckpointAsync(new EngineCheckpoint { Sequence = 2000, CreatedAt = DateTimeOffset.UnixEpoch, Data = engine.WrittenSpan.ToArray() }, Ct);
        }

        await using var restarted = await ServiceInstance.StartAsync(store);
        var actual = await ServiceJson.GetAsync(restarted.Client(ServiceInstance.AnalystKey), "/v1/findings");

        Assert.Equal(3000, actual["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(Verdicts(expected), Verdicts(actual));
    }

    private static List<string> Verdicts(JsonNode findings) =>
        [.. findings["subjects"]!.AsArray()
            .Select(s => $"{s!["account_id"]}/{s["end_user_id"]}:{s["verdict"]}:{s["score"]}:{s["exchanges"]}")
            .Order(StringComparer.Ordinal)];
}
