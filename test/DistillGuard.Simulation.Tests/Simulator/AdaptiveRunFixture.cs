using DistillGuard.Simulation.Simulator;

namespace DistillGuard.Simulation.Tests.Simulator;

/// <summary>Runs data/scenarios/adaptive-train.json, cut to six days, once (seed 5, scale 0.2) for the tests that only read its output.</summary>
public sealed class AdaptiveRunFixture
{
    public const int Seed = 5;

    public const double Scale = 0.2;

    public const string File = "adaptive-train.json";

    private readonly Lazy<SimulationRun> _run = new(() => SimulationRun.Execute(TestScenarios.SmallFile(File), Seed, Scale));

    internal SimulationRun Run => _run.Value;
}
