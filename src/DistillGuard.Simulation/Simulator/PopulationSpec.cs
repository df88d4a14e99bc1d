using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A benign population in a scenario (an entry of <c>populations</c>); the JSON property <c>kind</c> selects the
/// derived type. Every subject of the population is labelled <c>benign</c> with the population's name.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ChatPopulationSpec), ChatPopulationSpec.KindName)]
[JsonDerivedType(typeof(CompanyPopulationSpec), CompanyPopulationSpec.KindName)]
[JsonDerivedType(typeof(RouterPopulationSpec), RouterPopulationSpec.KindName)]
[JsonDerivedType(typeof(BatchPopulationSpec), BatchPopulationSpec.KindName)]
[JsonDerivedType(typeof(EvalHarnessPopulationSpec), EvalHarnessPopulationSpec.KindName)]
[JsonDerivedType(typeof(LogprobsPopulationSpec), LogprobsPopulationSpec.KindName)]
[JsonDerivedType(typeof(TutoringPopulationSpec), TutoringPopulationSpec.KindName)]
[JsonDerivedType(typeof(LicensedSyntheticPopulationSpec), LicensedSyntheticPopulationSpec.KindName)]
public abstract record PopulationSpec
{
    /// <summary>Gets the kinds a scenario file may name in <c>kind</c>.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        ChatPopulationSpec.KindName,
        CompanyPopulationSpec.KindName,
        RouterPopulationSpec.KindName,
        BatchPopulationSpec.KindName,
        EvalHarnessPopulationSpec.KindName,
        LogprobsPopulationSpec.KindName,
        TutoringPopulationSpec.KindName,
        LicensedSyntheticPopulationSpec.KindName,
    ];

    /// <summary>Gets or sets the population name written in the labels; defaults to <see cref="Kind"/>.</summary>
    public string? Name { get; set; }

    /// <summary>Gets how many units (accounts, companies or routers, depending on the kind) the population has at scale 1.</summary>
    public required int Count { get; init; }

    /// <summary>Gets the kind of population, the value of <c>kind</c> in the scenario file.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Gets the population name written in the labels.</summary>
    [JsonIgnore]
    public string PopulationName => string.IsNullOrWhiteSpace(Name) ? Kind : Name;

    /// <summary>Checks the entry and records what is wrong.</summary>
    /// <param name="where">How problems name the entry, for example <c>populations[2] (chat)</c>.</param>
    /// <param name="problems">Where problems are recorded.</param>
    internal virtual void Validate(string where, ScenarioProblems problems) => problems.NonNegative(where, "count", Count);
}
