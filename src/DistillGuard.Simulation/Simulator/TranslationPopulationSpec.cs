using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A translation company (<c>kind: "translation"</c>): huge volume through one translation template, many language
/// pairs, documents of every kind, working hours plus overnight batches. <see cref="PopulationSpec.Count"/> is the
/// number of accounts.
/// </summary>
public sealed record TranslationPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "translation";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of exchanges per account per working day (weekends see a third).</summary>
    /// <value>Defaults to 800 to 2,400.</value>
    public IntRange ExchangesPerDay { get; set; } = IntRange.Of(800, 2400);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "exchanges_per_day", ExchangesPerDay, 0);
    }
}
