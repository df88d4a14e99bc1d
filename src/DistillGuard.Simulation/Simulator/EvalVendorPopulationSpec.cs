using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// An evaluation vendor measuring pass@k (<c>kind: "eval-vendor"</c>): public benchmark sets sent with several choices
/// per request (<c>n</c> 5 to 20) at a sampling temperature, a full run on every new flagship within hours of its
/// release and regression runs on a schedule. <see cref="PopulationSpec.Count"/> is the number of accounts.
/// </summary>
public sealed record EvalVendorPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "eval-vendor";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of choices (<c>n</c>) per request.</summary>
    /// <value>Defaults to 5 to 20.</value>
    public IntRange Choices { get; set; } = IntRange.Of(5, 20);

    /// <summary>Gets or sets the range of days between regression runs.</summary>
    /// <value>Defaults to 2 to 4.</value>
    public IntRange RegressionIntervalDays { get; set; } = IntRange.Of(2, 4);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "choices", Choices, 2);
        problems.Range(where, "regression_interval_days", RegressionIntervalDays, 1);
    }
}
