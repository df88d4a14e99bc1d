using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Cli.Simulation;

/// <summary>What <see cref="SimulationJob"/> wrote.</summary>
/// <param name="Result">The simulator's account of the run.</param>
/// <param name="TrafficPath">The traffic file.</param>
/// <param name="LabelsPath">The labels file.</param>
internal sealed record SimulationOutput(SimulationResult Result, string TrafficPath, string LabelsPath);
