using System.Net;
using System.Text.Json.Nodes;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Journal;
using DistillGuard.Server.Tests.Support;
using DistillGuard.Storage.Sqlite;

namespace DistillGuard.Server.Tests.Engine;

/// <summary>A journal written by a build that did not check timestamps, or with an entry that does not decode, still starts.</summary>
public sealed class PoisonedJournalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_JournalWithAYear9999EntryAndAnUndecodableOne_StartsSkippingThemAndGoesOn()
    {
        await using var store = StoreLocation.Sqlite();
        await using (var service = await ServiceInstance.StartAsync(store))
        {
            var body = ExchangeLines.Body(ExchangeLines.Exchange("ex_1", "acct_1"), ExchangeLines.Exchange("ex_2", "acct_1", minute: 1));
            using var response = await service.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(body), Ct);
            response.EnsureSuccessStatusCode();
            await service.AbandonAsync();
        }

        // What an earlier build let into the journal, written straight into the store.
        var poison = new Exchange
        {
            Id = "ex_poison",
            Timestamp = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
            AccountId = "acct_2",
            Request = new ChatRequest { Model = "frontier-large", Messages = [new ChatMessage("user", "hi")] },
            Response = new ResponseInfo { Status = 200 },
        };
        await using (var raw = new SqliteServiceStore(new() { DataSource = store.SqlitePath! }))
        {
            await raw.InitializeAsync(Ct);
            await raw.AppendExchangesAsync(
                [
                    new JournalEntry { ExchangeId = poison.Id, Timestamp = poison.Timestamp, AccountId = poison.AccountId, Payload = JournalCodec.Encode(poison, FeatureExtractor.Extract(poison)) },
                    new JournalEntry { ExchangeId = "ex_garbled", Timestamp = ExchangeLines.Start, AccountId = "acct_3", Payload = [1, 2, 3] },
                ],
                Ct);
        }

        await using (var restarted = await ServiceInstance.StartAsync(store))
        {
            Assert.Equal(2, await FindingsAcceptedAsync(restarted));
            var later = ExchangeLines.Body(ExchangeLines.Exchange("ex_3", "acct_1", minute: 2));
            using var response = await restarted.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(later), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(3, await FindingsAcceptedAsync(restarted));
        }

        // And again, from the clean stop's checkpoint.
        await using var again = await ServiceInstance.StartAsync(store);
        Assert.Equal(3, await FindingsAcceptedAsync(again));
    }

    private static async Task<long> FindingsAcceptedAsync(ServiceInstance service) =>
        (await ServiceJson.GetAsync(service.Client(ServiceInstance.AnalystKey), "/v1/findings"))["input"]!["accepted"]!.GetValue<long>();
}
