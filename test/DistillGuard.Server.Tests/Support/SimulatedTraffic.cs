using System.Text;
using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Server.Tests.Support;

/// <summary>A small run of the default scenario, generated once per test process: traffic lines and labels.</summary>
public static class SimulatedTraffic
{
    private static readonly Lazy<(string[] Lines, string[] Labels)> Generated = new(() =>
    {
        using var traffic = new MemoryStream();
        using var labels = new MemoryStream();
        TrafficSimulator.Run(Scenario.Default, seed: 11, scale: 0.04, traffic, labels, CancellationToken.None);
        static string[] Split(MemoryStream stream) =>
            Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (Split(traffic), Split(labels));
    });

    public static IReadOnlyList<string> Lines => Generated.Value.Lines;

    public static IReadOnlyList<string> Labels => Generated.Value.Labels;

    /// <summary>Posts every line to the service in bodies of <paramref name="perBody"/> lines; returns how many were accepted.</summary>
    public static async Task<long> PostAllAsync(HttpClient client, string path = "/v1/exchanges", int perBody = 2000)
    {
        long accepted = 0;
        for (var i = 0; i < Lines.Count; i += perBody)
        {
            var body = string.Join('\n', Lines.Skip(i).Take(perBody)) + "\n";
            using var response = await client.PostAsync(path, ExchangeLines.Ndjson(body), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
            accepted += answer["accepted"]!.GetValue<long>();
        }

        return accepted;
    }
}
