namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>The population or campaign a subject is counted under in the result.</summary>
/// <param name="Name">The population name or campaign id.</param>
/// <param name="Kind">The population or campaign kind.</param>
/// <param name="Label">The label its subjects carry, or <see langword="null"/> when they are not labelled.</param>
internal sealed record SimulationGroupKey(string Name, string Kind, string? Label);
