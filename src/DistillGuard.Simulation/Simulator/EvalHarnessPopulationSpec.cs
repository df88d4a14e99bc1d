using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Evaluation harnesses (<c>kind: "eval-harness"</c>): fixed public benchmark sets (GSM8K, HumanEval, MT-Bench,
/// Vicuna-bench, Arena-Hard) replayed unmodified or in a standard evaluation format, a full pass per run, re-run on
/// every model version and on a regression schedule, in bursts from datacenter addresses on old accounts.
/// <see cref="PopulationSpec.Count"/> is the number of accounts.
/// </summary>
public sealed record EvalHarnessPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "eval-harness";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of benchmarks in one harness's suite.</summary>
    /// <value>Defaults to 1 to 3.</value>
    public IntRange BenchmarksPerHarness { get; set; } = IntRange.Of(1, 3);

    /// <summary>Gets or sets the range of days between two regression runs on an existing model.</summary>
    /// <value>Defaults to 3 to 6.</value>
    public IntRange RegressionIntervalDays { get; set; } = IntRange.Of(3, 6);

    /// <summary>Gets or sets the range of parallel workers a harness runs with.</summary>
    /// <value>Defaults to 4 to 32.</value>
    public IntRange Concurrency { get; set; } = IntRange.Of(4, 32);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "benchmarks_per_harness", BenchmarksPerHarness, 1);
        problems.Range(where, "regression_interval_days", RegressionIntervalDays, 1);
        problems.Range(where, "concurrency", Concurrency, 1);
    }
}
