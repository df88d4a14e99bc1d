using System.Globalization;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Exchanges;
using DistillGuard.Ingest.Labels;
using DistillGuard.Simulation.Simulator.Actors;
using DistillGuard.Simulation.Simulator.Engine;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Generates realistic synthetic API traffic from a <see cref="Scenario"/>: benign populations that are hard to tell
/// from harvesting (heavy chat users, companies, routers, batch jobs, evaluation harnesses, logprobs scorers) and
/// distillation campaigns (overt, hydra, router-laundered, reseller, low-and-slow, multilingual), written as
/// <c>dg-exchange/1</c> JSON Lines in timestamp order, with a separate labels file for evaluation.
/// </summary>
/// <remarks>
/// <para>
/// Traffic is generated one day at a time: every actor adds the exchanges that start on that day, the day's
/// exchanges are sorted and written, and conversations that run past midnight wait for the next day. Memory is
/// therefore bounded by a day of traffic plus the simulated subjects, whatever the number of days or the scale.
/// </para>
/// <para>
/// The run is a pure function of the scenario, the seed and the scale: every random choice comes from a seeded
/// generator, each actor owning its own stream, so the same inputs give byte-identical output. Nothing in the traffic
/// says who is who: identifiers are opaque random hex for every population, and labels go only to the labels stream.
/// </para>
/// </remarks>
public static class TrafficSimulator
{
    /// <summary>Runs a simulation.</summary>
    /// <param name="scenario">What to simulate; validated first.</param>
    /// <param name="seed">The seed every random choice derives from.</param>
    /// <param name="scale">Multiplies population counts, campaign account counts and end-user counts (at least one of each non-zero count is kept).</param>
    /// <param name="traffic">Where the <c>dg-exchange/1</c> lines go; left open.</param>
    /// <param name="labels">Where the label lines go (one per subject that appears in the traffic, except unlabelled padding); left open.</param>
    /// <param name="cancellationToken">Cancels the run between days.</param>
    /// <returns>What was written, per population and campaign.</returns>
    /// <exception cref="ScenarioException">The scenario is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not a positive finite number.</exception>
    public static SimulationResult Run(Scenario scenario, int seed, double scale, Stream traffic, Stream labels, CancellationToken cancellationToken = default) =>
        Run(scenario, seed, scale, traffic, labels, null, cancellationToken);

    /// <summary>Runs a simulation and writes the accounts the provider allow-lists as well.</summary>
    /// <param name="scenario">What to simulate; validated first.</param>
    /// <param name="seed">The seed every random choice derives from.</param>
    /// <param name="scale">Multiplies population counts, campaign account counts and end-user counts (at least one of each non-zero count is kept).</param>
    /// <param name="traffic">Where the <c>dg-exchange/1</c> lines go; left open.</param>
    /// <param name="labels">Where the label lines go (one per subject that appears in the traffic, except unlabelled padding); left open.</param>
    /// <param name="allowList">Where the allow-list document (<see cref="AllowListJson"/>) goes, or <see langword="null"/> to write none; left open.</param>
    /// <param name="cancellationToken">Cancels the run between days.</param>
    /// <returns>What was written, per population and campaign.</returns>
    /// <exception cref="ScenarioException">The scenario is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not a positive finite number.</exception>
    public static SimulationResult Run(Scenario scenario, int seed, double scale, Stream traffic, Stream labels, Stream? allowList, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(labels);
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be a positive finite number.");
        }

        scenario.Validate();
        var context = new SimulationContext(scenario, seed, scale);
        var actors = ActorBuilder.Build(context);

        long written = 0;
        using (var writer = new ExchangeJsonWriter(traffic, leaveOpen: true))
        {
            for (var day = 0; day < context.Days; day++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var actor in actors)
                {
                    actor.Generate(day);
                }

                // The last slice also closes the window: anything that would start after it is dropped.
                var end = day == context.Days - 1 ? context.End : context.DayStart(day + 1);
                foreach (var draft in context.Buffer.TakeBefore(end))
                {
                    written++;
                    draft.Subject.Count();
                    writer.Write(draft.ToExchange(string.Create(CultureInfo.InvariantCulture, $"ex_{written:D8}")));
                }
            }

            context.Buffer.Clear();
        }

        var labelLines = context.Subjects.Where(s => s.Seen && s.Label is not null).Select(s => s.Label!).ToList();
        LabelsJson.Write(labels, labelLines);
        if (allowList is not null)
        {
            AllowListJson.Write(allowList, context.AllowList);
        }

        return new SimulationResult
        {
            Exchanges = written,
            Labels = labelLines.Count,
            Start = context.Start,
            End = context.End,
            Seed = seed,
            Scale = scale,
            AllowList = [.. context.AllowList],
            Groups = Summarise(context.Subjects),
        };
    }

    private static List<SimulationGroup> Summarise(IReadOnlyList<Subject> subjects)
    {
        var groups = new List<SimulationGroup>();
        foreach (var group in subjects.GroupBy(s => s.Group))
        {
            groups.Add(new SimulationGroup
            {
                Name = group.Key.Name,
                Kind = group.Key.Kind,
                Label = group.Key.Label,
                Subjects = group.Count(s => s.Seen),
                Exchanges = group.Sum(s => s.Exchanges),
            });
        }

        return groups;
    }
}
