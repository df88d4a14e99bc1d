using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Laundering through a legitimate router (<c>kind: "router-laundered"</c>): attacker end users inside a router's
/// account, harvesting through the router's infrastructure, so every network field is the router's. The end users are
/// labelled <c>distillation</c>; the router account stays benign.
/// </summary>
public sealed record RouterLaunderedCampaignSpec : CampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "router-laundered";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the name of the router population whose first router hosts the attackers.</summary>
    /// <value>Defaults to <c>router</c>.</value>
    public string HostPopulation { get; set; } = RouterPopulationSpec.KindName;

    /// <summary>Gets or sets the number of attacker end users at scale 1.</summary>
    /// <value>Defaults to 6.</value>
    public int EndUsers { get; set; } = 6;

    /// <summary>Gets or sets the range of exchanges per attacker end user on an active day.</summary>
    /// <value>Defaults to 15 to 90.</value>
    public IntRange ExchangesPerActiveDay { get; set; } = IntRange.Of(15, 90);

    /// <summary>Gets or sets the chance that an attacker end user is active on a given day.</summary>
    /// <value>Defaults to 0.75.</value>
    public double ActiveDayProbability { get; set; } = 0.75;

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        if (string.IsNullOrWhiteSpace(HostPopulation))
        {
            problems.Add(where, "host_population must name a router population");
        }

        problems.NonNegative(where, "end_users", EndUsers);
        problems.Range(where, "exchanges_per_active_day", ExchangesPerActiveDay, 0);
        problems.Probability(where, "active_day_probability", ActiveDayProbability);
    }
}
