using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Engine;

/// <summary>
/// With a reorder window the service's sequencer holds exchanges back: a checkpoint taken while it holds some, a crash
/// and a restart must end in the same state as a service that never stopped (held exchanges neither lost nor doubled).
/// </summary>
public sealed partial class ReorderRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => ["sqlite", "postgres"];

    private static Dictionary<string, string?> Settings => new()
    {
        ["DistillGuard:Engine:ReorderWindow"] = "00:30:00",
        ["DistillGuard:Engine:CheckpointEveryExchanges"] = "0",
        ["DistillGuard:Engine:CheckpointInterval"] = "01:00:00",
    };

    /// <summary>The simulated traffic with every seventh line swapped with the next, so that some arrive out of order.</summary>
    private static List<string> Traffic()
    {
        var lines = SimulatedTraffic.Lines.ToList();
        for (var i = 0; i + 1 < lines.Count; i += 7)
        {
            (lines[i], lines[i + 1]) = (lines[i + 1], lines[i]);
        }

        return lines;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task CheckpointWhileHolding_CrashAndRestart_EndsAsWithoutTheRestart(string backend)
    {
        var lines = Traffic();
        var half = lines.Count / 2;
        var threeQuarters = lines.Count * 3 / 4;

        // The service that never stops.
        JsonNode expected;
        await using (var store = await StoreLocation.CreateAsync(backend))
        await using (var service = await ServiceInstance.StartAsync(store, Settings))
        {
            await PostAsync(service.Client(ServiceInstance.IngestKey), lines);
            expected = await FindingsAsync(service);
        }

        // The same traffic, with a checkpoint while the sequencer holds exchanges, a crash after more, and a restart.
        await using var crashed = await StoreLocation.CreateAsync(backend);
        JsonNode beforeCrash;
        await using (var service = await ServiceInstance.StartAsync(crashed, Settings))
        {
            await PostAsync(service.Client(ServiceInstance.IngestKey), lines.Take(half));
            await service.Service<EngineHost>().CheckpointAsync(Ct);
            await PostAsync(service.Client(ServiceInstance.IngestKey), lines.Skip(half).Take(threeQuarters - half));
            beforeCrash = await FindingsAsync(service);
            await service.AbandonAsync();
        }

        await using var restarted = await ServiceInstance.StartAsync(crashed, Settings);
        var afterRestart = await FindingsAsync(restarted);
        await PostAsync(restarted.Client(ServiceInstance.IngestKey), lines.Skip(threeQuarters));
        var actual = await FindingsAsync(restarted);

        Assert.Equal(Judgments(beforeCrash), Judgments(afterRestart));
        Assert.Equal(lines.Count, actual["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(Judgments(expected), Judgments(actual));
    }

    private static Task PostAsync(HttpClient client, IEnumerable<string> lines) => ExchangeLines.PostAsync(client, lines, perBody: 1500);

    private static Task<JsonNode> FindingsAsync(ServiceInstance service) => ServiceJson.GetAsync(service.Client(ServiceInstance.AnalystKey), "/v1/findings");

    /// <summary>The input counts, every subject's verdict, score and exchanges, and the campaigns, without prompt quotes (not stored).</summary>
    private static string Judgments(JsonNode findings)
    {
        var input = findings["input"]!;
        var subjects = findings["subjects"]!.AsArray()
            .Select(s => $"{s!["account_id"]}/{s["end_user_id"]}:{s["verdict"]}:{s["score"]}:{s["exchanges"]}:{s["campaign_id"]}")
            .Order(StringComparer.Ordinal);
        var counts = $"{input["lines"]} {input["accepted"]} {input["duplicates"]} {input["first_timestamp"]} {input["last_timestamp"]}";
        return counts + "\n" + string.Join('\n', subjects) + "\n" + Quote().Replace(findings["campaigns"]!.ToJsonString(), string.Empty);
    }

    [GeneratedRegex(@", e\.g\. \\u0022.*?\\u0022(?=;|"")")]
    private static partial Regex Quote();
}
