using System.Globalization;
using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A distillation campaign in a scenario (an entry of <c>campaigns</c>); the JSON property <c>kind</c> selects the
/// derived type. Every attacker subject of the campaign is labelled <c>distillation</c> with the campaign's
/// <see cref="Id"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OvertCampaignSpec), OvertCampaignSpec.KindName)]
[JsonDerivedType(typeof(HydraCampaignSpec), HydraCampaignSpec.KindName)]
[JsonDerivedType(typeof(RouterLaunderedCampaignSpec), RouterLaunderedCampaignSpec.KindName)]
[JsonDerivedType(typeof(ResellerCampaignSpec), ResellerCampaignSpec.KindName)]
[JsonDerivedType(typeof(LowSlowCampaignSpec), LowSlowCampaignSpec.KindName)]
[JsonDerivedType(typeof(MultilingualCampaignSpec), MultilingualCampaignSpec.KindName)]
[JsonDerivedType(typeof(ParaphraseHydraCampaignSpec), ParaphraseHydraCampaignSpec.KindName)]
[JsonDerivedType(typeof(RouterResoldCampaignSpec), RouterResoldCampaignSpec.KindName)]
public abstract record CampaignSpec
{
    /// <summary>Gets the kinds a scenario file may name in <c>kind</c>.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        OvertCampaignSpec.KindName,
        HydraCampaignSpec.KindName,
        RouterLaunderedCampaignSpec.KindName,
        ResellerCampaignSpec.KindName,
        LowSlowCampaignSpec.KindName,
        MultilingualCampaignSpec.KindName,
        ParaphraseHydraCampaignSpec.KindName,
        RouterResoldCampaignSpec.KindName,
    ];

    /// <summary>Gets the campaign id written in the labels, for example <c>hydra-1</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets or sets the first simulation day (0-based) on which the campaign sends traffic.</summary>
    /// <value>Defaults to 0.</value>
    public int StartDay { get; set; }

    /// <summary>Gets or sets the last simulation day (0-based, inclusive) on which the campaign sends traffic; the last day when absent.</summary>
    public int? EndDay { get; set; }

    /// <summary>Gets or sets whether the campaign moves to a flagship model released during the simulation.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool PivotToNewModel { get; set; } = true;

    /// <summary>Gets or sets the range of hours after a release within which the campaign pivots to the new model.</summary>
    /// <value>Defaults to 3 to 44.</value>
    public DoubleRange PivotDelayHours { get; set; } = DoubleRange.Of(3, 44);

    /// <summary>Gets or sets the share of the campaign's harvesting requests wrapped in a reasoning-trace coercion phrasing.</summary>
    /// <value>Defaults to 0.6; 0 makes a campaign that never asks for reasoning.</value>
    public double CoercionShare { get; set; } = 0.6;

    /// <summary>Gets the kind of campaign, the value of <c>kind</c> in the scenario file.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Checks the entry and records what is wrong.</summary>
    /// <param name="where">How problems name the entry, for example <c>campaigns[1] (hydra-1)</c>.</param>
    /// <param name="days">The scenario's number of days.</param>
    /// <param name="problems">Where problems are recorded.</param>
    internal virtual void Validate(string where, int days, ScenarioProblems problems)
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            problems.Add(where, "id must not be empty");
        }

        if (StartDay < 0 || StartDay >= days)
        {
            problems.Add(where, string.Create(CultureInfo.InvariantCulture, $"start_day must be between 0 and {days - 1} (got {StartDay})"));
        }

        if (EndDay is { } end && (end < StartDay || end >= days))
        {
            problems.Add(where, string.Create(CultureInfo.InvariantCulture, $"end_day must be between start_day ({StartDay}) and {days - 1} (got {end})"));
        }

        problems.Range(where, "pivot_delay_hours", PivotDelayHours, 0, 24 * 30);
        problems.Probability(where, "coercion_share", CoercionShare);
    }
}
