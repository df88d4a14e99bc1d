using DistillGuard.Simulation.Simulator.Engine;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>An attacker end user behind a router or reseller account, and the habits of its harvesting script.</summary>
/// <param name="Subject">The end user.</param>
/// <param name="Settings">The request settings the script sends.</param>
/// <param name="ActiveDayProbability">The chance the script runs on a given day.</param>
/// <param name="PerDay">How many requests it sends on a day it runs.</param>
/// <param name="UtcOffsetHours">The operator's time zone.</param>
/// <param name="System">The system message it sends, if any.</param>
internal sealed record EndUserHarvester(Subject Subject, HarvestSettings Settings, double ActiveDayProbability, IntRange PerDay, double UtcOffsetHours, string? System);
