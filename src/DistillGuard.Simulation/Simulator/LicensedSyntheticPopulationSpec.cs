using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A licensed synthetic-data customer on an enterprise plan (<c>kind: "licensed-synthetic"</c>): it generates training
/// data under contract, so its traffic looks like a harvest (a sweep of public collections through one template, around
/// the clock, several choices, long answers with explanations) and the provider allow-lists it. The simulator writes
/// its account ids to the allow-list output (<see cref="SimulationResult.AllowList"/>), never into the traffic.
/// <see cref="PopulationSpec.Count"/> is the number of accounts.
/// </summary>
public sealed record LicensedSyntheticPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "licensed-synthetic";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of exchanges per account per day.</summary>
    /// <value>Defaults to 1,500 to 4,000.</value>
    public IntRange ExchangesPerDay { get; set; } = IntRange.Of(1500, 4000);

    /// <summary>Gets or sets the range of choices (<c>n</c>) per request.</summary>
    /// <value>Defaults to 1 to 4.</value>
    public IntRange Choices { get; set; } = IntRange.Of(1, 4);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "exchanges_per_day", ExchangesPerDay, 0);
        problems.Range(where, "choices", Choices, 1);
    }
}
