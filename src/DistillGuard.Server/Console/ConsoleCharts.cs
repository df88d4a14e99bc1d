using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>
/// The data the console's script draws: a campaign's link graph for Cytoscape.js (accounts and shared values as
/// nodes, "shares" as edges) and a timeline for uPlot (exchanges per hour per member, from the journal: the engine
/// keeps no per-hour counts).
/// </summary>
internal static class ConsoleCharts
{
    /// <summary>The most member series a timeline draws; the other members are summed into one series.</summary>
    public const int MaxSeries = 12;

    public static string Graph(IReadOnlyList<SubjectKey> members, IReadOnlyList<CampaignTie> ties, IReadOnlyDictionary<string, double> scores)
    {
        var nodes = new JsonArray();
        var edges = new JsonArray();
        foreach (var account in members.Select(m => m.AccountId).Distinct(StringComparer.Ordinal))
        {
            nodes.Add(new JsonObject
            {
                ["id"] = "a:" + account,
                ["label"] = account,
                ["kind"] = "account",
                ["score"] = scores.GetValueOrDefault(account),
                ["token"] = SubjectToken.Of(new SubjectKey(account, null)),
            });
        }

        for (var i = 0; i < ties.Count; i++)
        {
            var tie = ties[i];
            var id = "v:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            nodes.Add(new JsonObject { ["id"] = id, ["label"] = tie.Kind + ": " + tie.Value, ["kind"] = tie.Kind, ["shared"] = tie.Accounts.Count });
            foreach (var account in tie.Accounts)
            {
                edges.Add(new JsonObject { ["source"] = "a:" + account, ["target"] = id, ["kind"] = tie.Kind });
            }
        }

        return new JsonObject { ["nodes"] = nodes, ["edges"] = edges }.ToJsonString();
    }

    public static string Timeline(IReadOnlyList<HourlyActivity> hours)
    {
        var slots = hours.Select(h => h.Hour).Distinct().Order().ToList();
        var index = slots.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
        var byAccount = hours.GroupBy(h => h.AccountId, StringComparer.Ordinal)
            .Select(g => (Account: g.Key, Total: g.Sum(h => h.Exchanges), Hours: g.ToList()))
            .OrderByDescending(g => g.Total).ThenBy(g => g.Account, StringComparer.Ordinal).ToList();
        var series = new JsonArray();
        var shown = byAccount.Count > MaxSeries ? byAccount[..(MaxSeries - 1)] : byAccount;
        foreach (var account in shown)
        {
            series.Add(Series(account.Account, account.Hours, slots.Count, index));
        }

        if (byAccount.Count > shown.Count)
        {
            var rest = byAccount.Skip(shown.Count).ToList();
            series.Add(Series($"{rest.Count} other members", [.. rest.SelectMany(r => r.Hours)], slots.Count, index));
        }

        return new JsonObject
        {
            ["x"] = new JsonArray([.. slots.Select(s => (JsonNode?)s.ToUnixTimeSeconds())]),
            ["series"] = series,
        }.ToJsonString();
    }

    private static JsonObject Series(string label, IReadOnlyList<HourlyActivity> hours, int slots, Dictionary<DateTimeOffset, int> index)
    {
        var values = new long[slots];
        foreach (var hour in hours)
        {
            values[index[hour.Hour]] += hour.Exchanges;
        }

        return new JsonObject { ["label"] = label, ["data"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]) };
    }
}
