using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// Something that sends traffic: a benign population member (or a group of them that acts together) or a campaign.
/// Actors create their subjects when constructed and generate one time slice (a day) at a time, never before the
/// slice's start, so memory stays bounded by a day of traffic.
/// </summary>
internal abstract class Actor(SimulationContext context)
{
    protected SimulationContext Context { get; } = context;

    /// <summary>Gets the actor's own generator, forked from the simulation's in creation order.</summary>
    protected SimRandom Random { get; } = context.Fork();

    /// <summary>Generates the actor's exchanges that start during <paramref name="day"/> into the context's buffer.</summary>
    public abstract void Generate(int day);

    protected DateTimeOffset DayStart(int day) => Context.DayStart(day);

    /// <summary>A sign-up time long before the simulation (an established account).</summary>
    protected DateTimeOffset OldSignup(double minDays = 30, double maxDays = 1100) =>
        Context.Start.AddDays(-Random.Uniform(minDays, maxDays)).AddSeconds(Random.Next(86_400));

    /// <summary>A sign-up time shortly before or during the simulation.</summary>
    protected DateTimeOffset YoungSignup(double earliestDay = -10, double latestFraction = 0.6) =>
        Context.Start.AddDays(Random.Uniform(earliestDay, Math.Max(earliestDay + 1, Context.Days * latestFraction))).AddSeconds(Random.Next(3600));
}
