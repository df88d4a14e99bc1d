using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Cli.Simulation;

/// <summary>What <see cref="SimulationJob"/> wrote.</summary>
/// <param name="Result">The simulator's account of the run.</param>
/// <param name="TrafficPath">The traffic file.</param>
/// <param name="LabelsPath">The labels file.</param>
/// <param name="AllowListPath">The allow-list file (<c>dg-sim-allowlist/1</c>), which <c>detect --allow-list</c> reads.</param>
internal sealed record SimulationOutput(SimulationResult Result, string TrafficPath, string LabelsPath, string AllowListPath);
