using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Enterprise batch jobs (<c>kind: "batch"</c>): one prompt template filled with very many unique documents, short
/// outputs, a steady machine rate inside a nightly window or around the clock, from datacenter addresses on old
/// enterprise accounts. <see cref="PopulationSpec.Count"/> is the number of accounts.
/// </summary>
public sealed record BatchPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "batch";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of exchanges in one day's job.</summary>
    /// <value>Defaults to 300 to 1400.</value>
    public IntRange ExchangesPerJob { get; set; } = IntRange.Of(300, 1400);

    /// <summary>Gets or sets the chance that an account runs its job on a given day.</summary>
    /// <value>Defaults to 0.8.</value>
    public double JobDayProbability { get; set; } = 0.8;

    /// <summary>Gets or sets the share of accounts that run around the clock instead of inside a nightly window.</summary>
    /// <value>Defaults to 0.4.</value>
    public double ContinuousShare { get; set; } = 0.4;

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "exchanges_per_job", ExchangesPerJob, 1);
        problems.Probability(where, "job_day_probability", JobDayProbability);
        problems.Probability(where, "continuous_share", ContinuousShare);
    }
}
