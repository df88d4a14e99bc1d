namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>An item with a relative weight, for <see cref="SimRandom.PickWeighted{T}"/>.</summary>
internal readonly record struct Weighted<T>(T Item, double Weight);
