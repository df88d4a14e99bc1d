using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Core.Storage;
using DistillGuard.Ingest;
using DistillGuard.Ingest.Nats;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Ingestion;
using DistillGuard.Server.Journal;
using DistillGuard.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Tests.Ingestion;

/// <summary>
/// Durable ingest through NATS JetStream, against a real <c>nats-server</c> (file storage in a temporary folder):
/// the stream itself, the pump's idempotence, the server killed and restarted mid-stream, and the API while it is down.
/// </summary>
public sealed class NatsIngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_EntriesOfManyAccounts_ReadBackOncePerPartitionInOrder()
    {
        await using var nats = await NatsServer.StartAsync();
        await using var log = new NatsIngestLog(Options(nats, partitions: 3), TimeProvider.System);
        var entries = Enumerable.Range(0, 60).Select(i => Entry($"x-{i}", $"acct-{i % 7}")).ToList();

        var positions = await log.AppendAsync(entries, Ct);

        Assert.All(positions, p => Assert.True(p > 0));
        var read = new List<JournalEntry>();
        for (var partition = 0; partition < 3; partition++)
        {
            foreach (var batch in await ReadAvailableAsync(log, partition, after: 0))
            {
                Assert.All(batch.Entries, e => Assert.Equal(partition, IngestPartitioner.PartitionOf(e.AccountId, 3)));
                read.AddRange(batch.Entries);
                await log.AcknowledgeAsync(batch, Ct);
            }

            Assert.Equal(0, await log.CountPendingAsync(partition, Ct));
        }

        // Every entry once, each account's in the order appended, with its fields intact.
        Assert.Equal(entries.Select(e => e.ExchangeId).Order(), read.Select(e => e.ExchangeId).Order());
        foreach (var account in entries.GroupBy(e => e.AccountId))
        {
            Assert.Equal(account.Select(e => e.ExchangeId), read.Where(e => e.AccountId == account.Key).Select(e => e.ExchangeId));
        }

        Assert.Equal(entries.OrderBy(e => e.ExchangeId), read.OrderBy(e => e.ExchangeId), JournalEntryComparer.Instance);
    }

    [Fact]
    public async Task AppendAsync_TheSameEntriesAgain_ConfirmedAtTheSamePositionsAndDeliveredOnce()
    {
        await using var nats = await NatsServer.StartAsync();
        await using var log = new NatsIngestLog(Options(nats, partitions: 2), TimeProvider.System);
        var entries = Enumerable.Range(0, 40).Select(i => Entry($"again-{i}", $"acct-{i % 4}")).ToList();
        var first = await log.AppendAsync(entries, Ct);

        // A client resending a body whose answer it lost: the stream's duplicate window recognises every message.
        var second = await log.AppendAsync(entries, Ct);

        Assert.Equal(first, second);
        var delivered = new List<string>();
        for (var partition = 0; partition < 2; partition++)
        {
            foreach (var batch in await ReadAvailableAsync(log, partition, after: 0))
            {
                delivered.AddRange(batch.Entries.Select(e => e.ExchangeId));
                await log.AcknowledgeAsync(batch, Ct);
            }
        }

        Assert.Equal(entries.Select(e => e.ExchangeId).Order(), delivered.Order());
    }

    [Fact]
    public async Task AppendAsync_ServerKilledAndRestartedOnTheSameStore_EveryAcknowledgedEntryIsDelivered()
    {
        await using var nats = await NatsServer.StartAsync();
        var options = Options(nats, partitions: 2);
        var acknowledged = new List<string>();
        await using (var log = new NatsIngestLog(options, TimeProvider.System))
        {
            for (var body = 0; body < 20; body++)
            {
                var entries = Enumerable.Range(0, 50).Select(i => Entry($"b{body}-{i}", $"acct-{i % 5}")).ToList();
                await log.AppendAsync(entries, Ct);
                acknowledged.AddRange(entries.Select(e => e.ExchangeId));
            }
        }

        // SIGKILL: no clean shutdown; the store directory is all that is left.
        await nats.KillAsync();
        await nats.RestartAsync();

        await using var reader = new NatsIngestLog(options, TimeProvider.System);
        var delivered = new List<string>();
        for (var partition = 0; partition < 2; partition++)
        {
            foreach (var batch in await ReadAvailableAsync(reader, partition, after: 0))
            {
                delivered.AddRange(batch.Entries.Select(e => e.ExchangeId));
                await reader.AcknowledgeAsync(batch, Ct);
            }
        }

        Assert.Equal(acknowledged.Order(), delivered.Order());
    }

    [Fact]
    public async Task AppendAsync_ServerBackWithAnEmptyStore_CreatesTheStreamAgain()
    {
        await using var nats = await NatsServer.StartAsync();
        var options = Options(nats, partitions: 1);
        options.PublishTimeout = TimeSpan.FromSeconds(1);
        await using var log = new NatsIngestLog(options, TimeProvider.System);
        await log.AppendAsync([Entry("old", "acct")], Ct);

        // A new machine behind the same address: the stream is gone.
        await nats.KillAsync();
        Directory.Delete(nats.StoreDirectory, recursive: true);
        await nats.RestartAsync();
        var appended = false;
        await WaitUntilAsync(async () =>
        {
            try
            {
                await log.AppendAsync([Entry("new", "acct")], Ct);
                return appended = true;
            }
            catch (IngestUnavailableException)
            {
                return false;
            }
        });

        Assert.True(appended);
        var batches = await ReadAvailableAsync(log, 0, after: 0);
        Assert.Equal(["new"], batches.SelectMany(b => b.Entries).Select(e => e.ExchangeId).Distinct());
    }

    [Fact]
    public async Task AppendAsync_ServerDown_ThrowsIngestUnavailable()
    {
        await using var nats = await NatsServer.StartAsync();
        var options = Options(nats, partitions: 1);
        options.PublishTimeout = TimeSpan.FromMilliseconds(500);
        await using var log = new NatsIngestLog(options, TimeProvider.System);
        await log.AppendAsync([Entry("before", "acct")], Ct);
        await nats.KillAsync();

        await Assert.ThrowsAsync<IngestUnavailableException>(() => log.AppendAsync([Entry("during", "acct")], Ct));
    }

    [Fact]
    public async Task Pump_BatchRedeliveredAfterAPumpCrash_IsNotAppliedTwice()
    {
        await using var nats = await NatsServer.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, NatsSettings(nats));
        var host = service.Service<EngineHost>();

        // A stream of its own (not the service's, whose pump runs), with a short acknowledgement wait.
        var options = Options(nats, partitions: 1);
        options.StreamName = "PUMP_TEST";
        options.SubjectPrefix = "dg.pumptest";
        options.AckWait = TimeSpan.FromSeconds(1);
        await using var log = new NatsIngestLog(options, TimeProvider.System);
        var entries = await EntriesAsync(SimulatedTraffic.Lines.Take(300));
        await log.AppendAsync(entries, Ct);
        var pump = new IngestPump(log, host, TimeProvider.System, NullLogger<IngestPump>.Instance);

        // The pump applies the batch and crashes before it acknowledges it.
        await using (var reading = log.ReadAsync(0, 0, Ct).GetAsyncEnumerator(Ct))
        {
            Assert.True(await reading.MoveNextAsync());
            Assert.True(await pump.ApplyAsync(reading.Current, Ct));
        }

        // Its loop starts again: the stream delivers the batch again (after the wait); the pump knows its position
        // (applied, acknowledgement not confirmed), acknowledges it and does not apply it again.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = pump.RunPartitionAsync(0, stop.Token);
        await WaitUntilAsync(async () => await log.CountPendingAsync(0, Ct) == 0);
        await stop.CancelAsync();
        await running;

        var findings = await ServiceJson.GetAsync(service.Client(ServiceInstance.AnalystKey), "/v1/findings");
        Assert.Equal(300, findings["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(0, findings["input"]!["duplicates"]!.GetValue<long>());
        Assert.Equal(1, pump.Batches);
        Assert.Equal(1, pump.Skipped);
        Assert.Equal(0, pump.Unconfirmed(0));
    }

    [Fact]
    public async Task Pump_ABatchDeliveredAgainAfterALaterOne_IsAppliedNotSkipped()
    {
        await using var nats = await NatsServer.StartAsync();
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, NatsSettings(nats));
        var options = Options(nats, partitions: 1);
        options.StreamName = "ORDER_TEST";
        options.SubjectPrefix = "dg.ordertest";
        options.AckWait = TimeSpan.FromSeconds(1);
        await using var log = new NatsIngestLog(options, TimeProvider.System);
        var pump = new IngestPump(log, service.Service<EngineHost>(), TimeProvider.System, NullLogger<IngestPump>.Instance);
        var lines = SimulatedTraffic.Lines.Take(400).ToList();
        await log.AppendAsync(await EntriesAsync(lines.Take(200)), Ct);

        // Delivered, then dropped unapplied (a pump that stopped before applying it): the stream delivers it again
        // only after its acknowledgement wait, so a batch appended later comes first.
        await using (var reading = log.ReadAsync(0, 0, Ct).GetAsyncEnumerator(Ct))
        {
            Assert.True(await reading.MoveNextAsync());
        }

        await log.AppendAsync(await EntriesAsync(lines.Skip(200)), Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = pump.RunPartitionAsync(0, stop.Token);
        await WaitUntilAsync(async () => await log.CountPendingAsync(0, Ct) == 0);
        await stop.CancelAsync();
        await running;

        var findings = await ServiceJson.GetAsync(service.Client(ServiceInstance.AnalystKey), "/v1/findings");
        Assert.Equal(400, findings["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(2, pump.Batches);
        Assert.Equal(0, pump.Skipped);
    }

    [Fact]
    public async Task Serve_IngestThroughNats_FindingsAsThroughTheJournal()
    {
        await using var nats = await NatsServer.StartAsync();
        await using var natsStore = StoreLocation.Sqlite();
        await using var journalStore = StoreLocation.Sqlite();
        await using var streamed = await ServiceInstance.StartAsync(natsStore, NatsSettings(nats));
        await using var embedded = await ServiceInstance.StartAsync(journalStore);

        var accepted = await SimulatedTraffic.PostAllAsync(streamed.Client(ServiceInstance.IngestKey), perBody: 500);
        await SimulatedTraffic.PostAllAsync(embedded.Client(ServiceInstance.IngestKey), perBody: 500);

        Assert.Equal(SimulatedTraffic.Lines.Count, accepted);
        var viaNats = await WaitForAcceptedAsync(streamed, accepted);
        var viaJournal = await ServiceJson.GetAsync(embedded.Client(ServiceInstance.AnalystKey), "/v1/findings");
        Assert.Equal(Verdicts(viaJournal), Verdicts(viaNats));
        Assert.Equal(0, await streamed.Service<IIngestLog>().CountPendingAsync(0, Ct));
    }

    [Fact]
    public async Task Serve_NatsKilledAndRestartedMidStream_NoAcknowledgedExchangeLost()
    {
        await using var nats = await NatsServer.StartAsync();
        await using var store = StoreLocation.Sqlite();
        var settings = NatsSettings(nats);

        // Batches a pump had fetched when the server went away come again after this wait.
        settings["DistillGuard:Ingest:Nats:AckWait"] = "00:00:03";
        await using var service = await ServiceInstance.StartAsync(store, settings);
        var client = service.Client(ServiceInstance.IngestKey);
        var bodies = SimulatedTraffic.Lines.Chunk(200).ToList();
        var unavailable = 0;

        for (var i = 0; i < bodies.Count; i++)
        {
            if (i == bodies.Count / 3)
            {
                await nats.KillAsync();
            }

            // Resent until acknowledged, as the 503 says; the server comes back after a few refusals.
            while (true)
            {
                using var response = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(string.Join('\n', bodies[i]) + "\n"), Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                if (++unavailable == 3)
                {
                    await nats.RestartAsync();
                }
            }
        }

        Assert.True(unavailable >= 3);
        var findings = await WaitForAcceptedAsync(service, SimulatedTraffic.Lines.Count);
        Assert.Equal(SimulatedTraffic.Lines.Count, findings["subjects"]!.AsArray().Where(s => s!["end_user_id"] is null).Sum(s => s!["exchanges"]!.GetValue<long>()));
    }

    [Fact]
    public async Task PostExchanges_NatsDown_Answers503WithTheErrorBodyAndRecoversByItself()
    {
        await using var nats = await NatsServer.StartAsync();
        await using var store = StoreLocation.Sqlite();
        var settings = NatsSettings(nats);
        settings["DistillGuard:Ingest:Nats:PublishTimeout"] = "00:00:01";
        await using var service = await ServiceInstance.StartAsync(store, settings);
        var client = service.Client(ServiceInstance.IngestKey);
        var first = ExchangeLines.Body(ExchangeLines.Exchange("down-1", "acct-a"));
        var second = ExchangeLines.Body(ExchangeLines.Exchange("down-2", "acct-b", minute: 1));
        using (var ok = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(first), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await nats.KillAsync();
        using (var refused = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(second), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
            var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!["error"]!;
            Assert.Equal("service_unavailable", error["code"]!.GetValue<string>());
            Assert.Contains("resend", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // Back: the connection and the pump recover by themselves; the same request is accepted.
        await nats.RestartAsync();
        await WaitUntilAsync(async () =>
        {
            using var again = await client.PostAsync("/v1/exchanges", ExchangeLines.Ndjson(second), Ct);
            return again.StatusCode == HttpStatusCode.OK;
        });
        await WaitForAcceptedAsync(service, 2);
    }

    [Theory]
    [InlineData("DistillGuard:Ingest:Nats:Partitions", "0", "Ingest:Nats:Partitions must be in [1, 1024]; it is 0")]
    [InlineData("DistillGuard:Ingest:Nats:Url", "http://127.0.0.1:4222", "Ingest:Nats:Url must be an absolute nats:// or tls:// URL; it is 'http://127.0.0.1:4222/'")]
    [InlineData("DistillGuard:Ingest:Nats:SubjectPrefix", "dg.*", "Ingest:Nats:SubjectPrefix must be a subject without spaces, wildcards or an outer '.'; it is 'dg.*'")]
    [InlineData("DistillGuard:Ingest:Nats:AckWait", "00:00:00", "Ingest:Nats:AckWait must be at least 100 ms; it is 00:00:00")]
    public async Task Start_NatsModeWithABadSetting_FailsValidationNamingIt(string key, string value, string expected)
    {
        await using var store = StoreLocation.Sqlite();
        var configuration = new Dictionary<string, string?> { ["DistillGuard:Ingest:Mode"] = "nats", [key] = value };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceInstance.StartAsync(store, configuration));

        Assert.Contains(expected, failure.Failures);
    }

    internal static NatsIngestOptions Options(NatsServer nats, int partitions) => new()
    {
        Url = nats.Url,
        Partitions = partitions,
    };

    internal static Dictionary<string, string?> NatsSettings(NatsServer nats) => new()
    {
        ["DistillGuard:Ingest:Mode"] = "nats",
        ["DistillGuard:Ingest:Nats:Url"] = nats.Url.ToString(),
    };

    internal static async Task<JsonNode> WaitForAcceptedAsync(ServiceInstance service, long accepted)
    {
        var client = service.Client(ServiceInstance.AnalystKey);
        JsonNode? findings = null;
        await WaitUntilAsync(async () =>
        {
            findings = await ServiceJson.GetAsync(client, "/v1/findings");
            return findings["input"]!["accepted"]!.GetValue<long>() >= accepted;
        }, () => findings?["input"]?.ToJsonString() ?? "no findings");
        Assert.Equal(accepted, findings!["input"]!["accepted"]!.GetValue<long>());
        return findings;
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string>? describe = null)
    {
        // Polls what the service and the stream report (no timing is asserted); gives up after a minute.
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail("the condition did not hold within a minute " + describe?.Invoke());
    }

    private static Dictionary<string, string> Verdicts(JsonNode findings) =>
        findings["subjects"]!.AsArray().ToDictionary(
            s => s!["account_id"]!.GetValue<string>() + "/" + (s["end_user_id"]?.GetValue<string>() ?? "-"),
            s => s!["verdict"]!.GetValue<string>() + " " + s["exchanges"]!.GetValue<long>());

    private static async Task<List<IngestBatch>> ReadAvailableAsync(NatsIngestLog log, int partition, long after)
    {
        var batches = new List<IngestBatch>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        try
        {
            await foreach (var batch in log.ReadAsync(partition, after, stop.Token))
            {
                batches.Add(batch);
                if (await log.CountPendingAsync(partition, Ct) == batches.Count)
                {
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !Ct.IsCancellationRequested)
        {
            // Everything pending was read.
        }

        return batches;
    }

    private static async Task<List<JournalEntry>> EntriesAsync(IEnumerable<string> lines)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        var entries = new List<JournalEntry>();
        await foreach (var batch in ExchangeStreamReader.ReadWithFeaturesAsync(body, InputFormat.Exchange, new ExchangeReaderOptions(), null, Ct))
        {
            entries.AddRange(batch.Lines.Where(l => l.IsAccepted).Select(l => JournalEntries.Of(l.Exchange!, l.Extracted!, storePromptText: false)));
        }

        return entries;
    }

    private static JournalEntry Entry(string id, string account) => new()
    {
        ExchangeId = id,
        Timestamp = ExchangeLines.Start.AddSeconds(id.Length).ToOffset(TimeSpan.FromHours(2)),
        AccountId = account,
        EndUserId = id.EndsWith('3') ? "user-3" : null,
        Payload = Encoding.UTF8.GetBytes("payload of " + id),
        PromptText = id.EndsWith('5') ? "a prompt ✓" : null,
    };

    private sealed class JournalEntryComparer : IEqualityComparer<JournalEntry>
    {
        public static readonly JournalEntryComparer Instance = new();

        public bool Equals(JournalEntry? x, JournalEntry? y) =>
            x is not null && y is not null && x.ExchangeId == y.ExchangeId && x.Timestamp == y.Timestamp && x.Timestamp.Offset == y.Timestamp.Offset
            && x.AccountId == y.AccountId && x.EndUserId == y.EndUserId && x.Payload.AsSpan().SequenceEqual(y.Payload) && x.PromptText == y.PromptText;

        public int GetHashCode(JournalEntry obj) => obj.ExchangeId.GetHashCode(StringComparison.Ordinal);
    }
}
