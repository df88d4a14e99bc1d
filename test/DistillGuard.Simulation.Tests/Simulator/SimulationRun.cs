using System.Text;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Exchanges;
using DistillGuard.Ingest.Labels;
using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Simulation.Tests.Simulator;

/// <summary>One simulation's output: the raw bytes, the parsed exchanges and labels, and the result.</summary>
internal sealed record SimulationRun(byte[] Traffic, byte[] Labels, SimulationResult Result, IReadOnlyList<Exchange> Exchanges, IReadOnlyList<SubjectLabel> LabelLines, byte[]? AllowList = null)
{
    private readonly Dictionary<SubjectKey, SubjectLabel> _labelIndex = LabelLines.ToDictionary(l => l.Subject);

    public static SimulationRun Execute(Scenario scenario, int seed, double scale)
    {
        using var traffic = new MemoryStream();
        using var labels = new MemoryStream();
        using var allowList = new MemoryStream();
        var result = TrafficSimulator.Run(scenario, seed, scale, traffic, labels, allowList, TestContext.Current.CancellationToken);
        var trafficBytes = traffic.ToArray();
        var labelBytes = labels.ToArray();
        return new SimulationRun(trafficBytes, labelBytes, result, Parse(trafficBytes), ReadLabels(labelBytes), allowList.ToArray());
    }

    /// <summary>Gets the label of the subject an exchange is about: the end user's if labelled, else the account's.</summary>
    public SubjectLabel? LabelOf(Exchange exchange)
    {
        var byKey = _labelIndex;
        if (exchange.EndUserId is not null)
        {
            return byKey.TryGetValue(new SubjectKey(exchange.AccountId, exchange.EndUserId), out var endUser) ? endUser : null;
        }

        return byKey.GetValueOrDefault(new SubjectKey(exchange.AccountId, null));
    }

    /// <summary>Gets the exchanges whose subject carries the given population or campaign.</summary>
    public IEnumerable<Exchange> Of(string group) =>
        Exchanges.Where(e => LabelOf(e) is { } label && (label.Campaign == group || label.Population == group));

    private static List<Exchange> Parse(byte[] traffic)
    {
        var parser = new DgExchangeParser();
        var exchanges = new List<Exchange>();
        var start = 0;
        var lineNumber = 0;
        for (var i = 0; i < traffic.Length; i++)
        {
            if (traffic[i] != (byte)'\n')
            {
                continue;
            }

            lineNumber++;
            if (!parser.TryParse(traffic.AsSpan(start, i - start), out var exchange, out var error))
            {
                throw new InvalidDataException($"traffic line {lineNumber} does not parse: {error}\n{Encoding.UTF8.GetString(traffic, start, i - start)}");
            }

            exchanges.Add(exchange);
            start = i + 1;
        }

        if (start != traffic.Length)
        {
            throw new InvalidDataException("the traffic does not end with a newline");
        }

        return exchanges;
    }

    private static IReadOnlyList<SubjectLabel> ReadLabels(byte[] labels)
    {
        using var stream = new MemoryStream(labels);
        return LabelsJson.ReadAsync(stream).GetAwaiter().GetResult();
    }
}
