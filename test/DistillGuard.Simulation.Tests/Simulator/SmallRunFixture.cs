using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Simulation.Tests.Simulator;

/// <summary>Runs the small scenario once (seed 7) for the tests that only read its output.</summary>
public sealed class SmallRunFixture
{
    public const int Seed = 7;

    private readonly Lazy<SimulationRun> _run = new(() => SimulationRun.Execute(TestScenarios.Small(), Seed, TestScenarios.Scale));

    internal SimulationRun Run => _run.Value;
}
