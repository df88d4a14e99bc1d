using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DistillGuard.Core.Storage;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Sharing;

/// <summary>
/// Provider A detects the simulated campaigns and publishes them; B and C, in A's trust group, pull A's collection.
/// A fresh account at B that pays with a card of A's campaign is flagged by the peer indicator, and B's campaign names A.
/// </summary>
public sealed class TwoProviderSharingTests
{
    private const string ReceivedCollection = "distillguard:sharing:received:provider-a";

    [Fact]
    public async Task PublishPullMatch_TwoProvidersOnLoopback_FlagsTheCampaignAtTheSecondAndSendsSightingsWhereAllowed()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = SharingProviders.Clock();
        await using var storeA = StoreLocation.Sqlite();
        await using var storeB = StoreLocation.Sqlite();
        await using var storeC = StoreLocation.Sqlite();
        await using var a = await ServiceInstance.StartAsync(storeA, SharingProviders.ProviderA(), time: clock);
        await using var b = await ServiceInstance.StartAsync(storeB, SharingProviders.Puller("Provider B", a.BaseAddress, sightings: true), time: clock);
        await using var c = await ServiceInstance.StartAsync(storeC, SharingProviders.Puller("Provider C", a.BaseAddress, sightings: false), time: clock);

        // A detects and publishes.
        await SimulatedTraffic.PostAllAsync(a.Client(ServiceInstance.IngestKey));
        var findingsA = await ServiceJson.GetAsync(a.Client(ServiceInstance.AnalystKey), "/v1/findings");
        var published = await ServiceJson.PostAsync(a.Client(ServiceInstance.AdminKey), "/v1/share/publish");
        Assert.NotEmpty(published["published"]!.AsArray());
        var campaignId = published["published"]![0]!["campaign"]!.GetValue<string>();
        var card = findingsA["campaigns"]!.AsArray()
            .Where(x => x!["id"]!.GetValue<string>() == campaignId)
            .SelectMany(x => x!["links"]!.AsArray())
            .First(l => l!["kind"]!.GetValue<string>() == "payment_fingerprint" && l["subjects"]!.GetValue<int>() >= 2)!["value"]!.GetValue<string>();
        var again = await ServiceJson.PostAsync(a.Client(ServiceInstance.AdminKey), "/v1/share/publish");
        Assert.Empty(again["published"]!.AsArray());

        // B and C pull.
        var pulledB = await ServiceJson.PostAsync(b.Client(ServiceInstance.AdminKey), "/v1/share/pull");
        var pulledC = await ServiceJson.PostAsync(c.Client(ServiceInstance.AdminKey), "/v1/share/pull");
        Assert.Null(pulledB["peers"]![0]!["error"]);
        Assert.True(pulledB["indicators_indexed"]!.GetValue<int>() > 0);
        Assert.Equal(pulledB["peers"]![0]!["received"]!.GetValue<int>(), pulledC["peers"]![0]!["received"]!.GetValue<int>());

        // Two fresh accounts at B (and at C) pay with the campaign's card.
        var fresh = FreshAccounts(card);
        foreach (var provider in new[] { b, c })
        {
            using var response = await provider.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(fresh), ct);
            response.EnsureSuccessStatusCode();
        }

        var subject = await ServiceJson.GetAsync(b.Client(ServiceInstance.AnalystKey), "/v1/subjects/acct_fresh_1");
        var peerSignal = subject["subject"]!["signals"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "peer_indicator")!;
        Assert.True(peerSignal["value"]!.GetValue<double>() > 0.5);
        Assert.Contains("provider-a", peerSignal["evidence"]!.GetValue<string>(), StringComparison.Ordinal);
        var campaignsB = await ServiceJson.GetAsync(b.Client(ServiceInstance.AnalystKey), "/v1/findings");
        Assert.Contains(
            campaignsB["campaigns"]!.AsArray(),
            x => x!["summary"]!.GetValue<string>().Contains("reported by peers: provider-a", StringComparison.Ordinal));

        // A second round sends B's sightings back to A; C sends none.
        var roundB = await ServiceJson.PostAsync(b.Client(ServiceInstance.AdminKey), "/v1/share/pull");
        var roundC = await ServiceJson.PostAsync(c.Client(ServiceInstance.AdminKey), "/v1/share/pull");
        Assert.True(roundB["peers"]![0]!["sightings_sent"]!.GetValue<int>() >= 1);
        Assert.Equal(0, roundC["peers"]![0]!["sightings_sent"]!.GetValue<int>());
        var sightingsAtA = await ReadAsync(a, SharingProviders.Collection, "sighting");
        var fromB = sightingsAtA.Select(j => JsonNode.Parse(j)!).Where(s => s["description"]!.GetValue<string>().StartsWith("Provider B", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fromB);
        Assert.All(fromB, s => Assert.StartsWith("indicator--", s["sighting_of_ref"]!.GetValue<string>(), StringComparison.Ordinal));
        var identitiesAtA = (await ReadAsync(a, SharingProviders.Collection, "identity")).Select(j => JsonNode.Parse(j)!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Provider B", identitiesAtA);
        Assert.DoesNotContain("Provider C", identitiesAtA);

        // Nothing of A's customers reached B.
        var receivedAtB = string.Join('\n', await ReadAsync(b, ReceivedCollection, type: null));
        Assert.Contains("indicator--", receivedAtB, StringComparison.Ordinal);
        foreach (var raw in RawValues(findingsA))
        {
            Assert.DoesNotContain(raw, receivedAtB, StringComparison.Ordinal);
        }

        // Both audit logs list every object: published at A, received at B, sightings sent by B.
        var receivedIds = (await ReadAsync(b, ReceivedCollection, type: null)).Select(j => JsonNode.Parse(j)!["id"]!.GetValue<string>()).ToHashSet();
        var auditA = await AuditAsync(a);
        var auditB = await AuditAsync(b);
        var publishedTargets = auditA.Where(e => e.Action == "share.object.published").Select(e => e.Target).ToHashSet();
        var receivedTargets = auditB.Where(e => e.Action == "share.object.received").Select(e => e.Target).ToHashSet();
        Assert.All(receivedIds, id => Assert.Contains("stix:" + id, publishedTargets));
        Assert.All(receivedIds, id => Assert.Contains("stix:" + id, receivedTargets));
        Assert.All(fromB, s => Assert.Contains(auditB, e => e.Action == "share.sighting.sent" && e.Target == "stix:" + s["id"]!.GetValue<string>()));
    }

    /// <summary>Two accounts at B, with a card of A's campaign, over two hours (so campaigns are evaluated).</summary>
    private static string FreshAccounts(string card)
    {
        var start = SharingProviders.Clock().GetUtcNow().AddDays(1);
        var lines = new List<JsonObject>();
        for (var i = 0; i < 40; i++)
        {
            foreach (var account in new[] { "acct_fresh_1", "acct_fresh_2" })
            {
                var line = ExchangeLines.Exchange($"{account}-{i}", account, $"Explain step {i} of the derivation in full detail, with reasoning.");
                line["ts"] = start.AddMinutes(4 * i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                line["billing"] = new JsonObject { ["payment_fingerprint"] = card };
                lines.Add(line);
            }
        }

        return ExchangeLines.Body([.. lines]);
    }

    /// <summary>A's customers' raw values: account ids, link values (cards, addresses, domains, TLS fingerprints).</summary>
    private static IEnumerable<string> RawValues(JsonNode findings) =>
        findings["subjects"]!.AsArray().Select(s => s!["account_id"]!.GetValue<string>())
            .Concat(findings["campaigns"]!.AsArray().SelectMany(x => x!["links"]!.AsArray()).Select(l => l!["value"]!.GetValue<string>()))
            .Where(v => v.Length >= 6)
            .Distinct(StringComparer.Ordinal);

    private static async Task<IReadOnlyList<string>> ReadAsync(ServiceInstance service, string collection, string? type)
    {
        var rows = await service.Service<ITaxiiStore>().QueryTaxiiObjectsAsync(
            new TaxiiObjectQueryRecord { CollectionId = collection, MaxTlp = 4, Types = type is null ? [] : [type], AllVersions = true, Limit = 10_000, IncludeJson = true },
            TestContext.Current.CancellationToken);
        return [.. rows.Select(r => r.Json!)];
    }

    private static async Task<List<(string Action, string Target)>> AuditAsync(ServiceInstance service)
    {
        var entries = new List<(string, string)>();
        var client = service.Client(ServiceInstance.AnalystKey);
        long after = 0;
        while (true)
        {
            var page = await ServiceJson.GetAsync(client, $"/v1/audit?after={after}&limit=1000");
            var list = page["entries"]!.AsArray();
            entries.AddRange(list.Select(e => (e!["action"]!.GetValue<string>(), e["target"]!.GetValue<string>())));
            if (page["next"] is not { } next)
            {
                return entries;
            }

            after = next.GetValue<long>();
        }
    }
}
