using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Sharing;

/// <summary>
/// What sharing buys: provider A detects a hydra campaign in the simulated traffic and publishes it; the same campaign
/// then comes to B and to N with fresh accounts (same cards, proxies and prompts, new account ids). B, which pulled A's
/// indicators, flags those accounts after fewer exchanges than N, which shares nothing (fewer in all, and never more at the median).
/// </summary>
public sealed class SharingDelayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FreshAccountsOfAPublishedCampaign_AreFlaggedSoonerWithSharingThanWithout()
    {
        var clock = SharingProviders.Clock();
        await using var storeA = StoreLocation.Sqlite();
        await using var storeB = StoreLocation.Sqlite();
        await using var storeN = StoreLocation.Sqlite();
        await using var a = await ServiceInstance.StartAsync(storeA, SharingProviders.ProviderA(), time: clock);
        await using var b = await ServiceInstance.StartAsync(storeB, SharingProviders.Puller("Provider B", a.BaseAddress, sightings: false), time: clock);
        await using var n = await ServiceInstance.StartAsync(storeN, time: clock);

        // A detects the campaigns and, at the end of its traffic, publishes them; B pulls.
        await SimulatedTraffic.PostAllAsync(a.Client(ServiceInstance.IngestKey));
        var lines = SimulatedTraffic.Lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var last = lines.Max(l => Ts(l));
        clock.SetUtcNow(last);
        var findingsA = await ServiceJson.GetAsync(a.Client(ServiceInstance.AnalystKey), "/v1/findings");
        var published = await ServiceJson.PostAsync(a.Client(ServiceInstance.AdminKey), "/v1/share/publish");
        var publishedIds = published["published"]!.AsArray().Select(p => p!["campaign"]!.GetValue<string>()).ToHashSet();
        // The published campaign whose accounts took A the longest to flag: where sharing has most to give.
        var delaysAtA = findingsA["subjects"]!.AsArray()
            .Where(s => s!["end_user_id"] is null)
            .ToDictionary(s => s!["account_id"]!.GetValue<string>(), s => s!["exchanges_before_flag"]?.GetValue<long>() ?? s["exchanges"]!.GetValue<long>());
        var hydra = findingsA["campaigns"]!.AsArray()
            .Where(c => publishedIds.Contains(c!["id"]!.GetValue<string>()))
            .OrderByDescending(c => c!["subjects"]!.AsArray().Sum(s => delaysAtA[s!["account_id"]!.GetValue<string>()]))
            .First()!;
        var members = hydra["subjects"]!.AsArray().Select(s => s!["account_id"]!.GetValue<string>()).ToHashSet();
        Assert.True(members.Count >= 3, $"campaign {hydra["id"]} has {members.Count} accounts");
        Assert.True((await ServiceJson.PostAsync(b.Client(ServiceInstance.AdminKey), "/v1/share/pull"))["indicators_indexed"]!.GetValue<int>() > 0);

        // The campaign comes back with fresh accounts, after A published.
        var shift = last - lines.Min(l => Ts(l)) + TimeSpan.FromHours(1);
        var fresh = lines.Where(l => members.Contains(l["account_id"]!.GetValue<string>())).Select(l =>
        {
            var copy = l.DeepClone().AsObject();
            copy["id"] = "fresh-" + l["id"]!.GetValue<string>();
            copy["account_id"] = "fresh-" + l["account_id"]!.GetValue<string>();
            copy["ts"] = (Ts(l) + shift).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            return copy;
        }).ToArray();
        clock.SetUtcNow(last + shift + TimeSpan.FromDays(1));
        foreach (var provider in new[] { b, n })
        {
            foreach (var chunk in fresh.Chunk(2000))
            {
                using var response = await provider.Client(ServiceInstance.IngestKey).PostAsync("/v1/exchanges", ExchangeLines.Ndjson(ExchangeLines.Body(chunk)), Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        var withSharing = Delays(await ServiceJson.GetAsync(b.Client(ServiceInstance.AnalystKey), "/v1/findings"));
        var without = Delays(await ServiceJson.GetAsync(n.Client(ServiceInstance.AnalystKey), "/v1/findings"));
        var report = string.Create(CultureInfo.InvariantCulture,
            $"campaign {hydra["id"]}: {members.Count} accounts, {fresh.Length} exchanges replayed as fresh accounts\n"
            + $"with sharing:    {Describe(withSharing)}\n"
            + $"without sharing: {Describe(without)}\n");
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "distillguard-sharing-delays.txt"), report, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        Assert.Equal(members.Count, withSharing.Count);
        Assert.True(withSharing.Count(d => d.Flagged) >= without.Count(d => d.Flagged), report);
        Assert.True(Median(withSharing) <= Median(without), report);
        Assert.True(withSharing.Sum(d => d.Exchanges) < without.Sum(d => d.Exchanges), report);
    }

    private static DateTimeOffset Ts(JsonObject line) => DateTimeOffset.Parse(line["ts"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>For each fresh account: whether it was flagged, and after how many of its exchanges (its total when never).</summary>
    private static List<(bool Flagged, long Exchanges)> Delays(JsonNode findings) =>
        [.. findings["subjects"]!.AsArray()
            .Where(s => s!["end_user_id"] is null && s["account_id"]!.GetValue<string>().StartsWith("fresh-", StringComparison.Ordinal))
            .Select(s => s!["exchanges_before_flag"] is { } before
                ? (true, before.GetValue<long>())
                : (false, s["exchanges"]!.GetValue<long>()))];

    private static double Median(List<(bool Flagged, long Exchanges)> delays)
    {
        var sorted = delays.Select(d => (double)d.Exchanges).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Describe(List<(bool Flagged, long Exchanges)> delays) => string.Create(CultureInfo.InvariantCulture,
        $"{delays.Count(d => d.Flagged)}/{delays.Count} flagged, exchanges before the flag: median {Median(delays):0.#}, mean {delays.Average(d => d.Exchanges):0.0}, total {delays.Sum(d => d.Exchanges)} (never-flagged counted at their total), "
        + $"each: {string.Join(' ', delays.OrderBy(d => d.Exchanges).Select(d => d.Flagged ? d.Exchanges.ToString(CultureInfo.InvariantCulture) : d.Exchanges + "*"))}");
}
