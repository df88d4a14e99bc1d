using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A harvest resold through a router (<c>kind: "router-resold"</c>): the operation buys access through a legitimate
/// router and appears there as ordinary end users, each a front with a person's rhythm, writing in the campaign's
/// languages among the router's benign end users. Only the attacker end users are labelled; the router stays benign.
/// </summary>
public sealed record RouterResoldCampaignSpec : AdaptiveCampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "router-resold";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the name of the router population whose first router the harvest goes through.</summary>
    /// <value>Defaults to <c>router</c>.</value>
    public string HostPopulation { get; set; } = RouterPopulationSpec.KindName;

    /// <summary>Gets or sets the number of attacker end users at scale 1.</summary>
    /// <value>Defaults to 40.</value>
    public int EndUsers { get; set; } = 40;

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        if (string.IsNullOrWhiteSpace(HostPopulation))
        {
            problems.Add(where, "host_population must name a router population");
        }

        problems.NonNegative(where, "end_users", EndUsers);
    }
}
