using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Legitimate routers and coding apps (<c>kind: "router"</c>): one account each, with many end users
/// (<c>end_user_id</c>) behind a few datacenter addresses and the router's <c>http-referer</c> and <c>x-title</c>
/// headers. <see cref="PopulationSpec.Count"/> is the number of routers. The router account is labelled with the
/// population's name and each end user with <c>router-user</c>.
/// </summary>
public sealed record RouterPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "router";

    /// <summary>The population name of a router's end users in the labels.</summary>
    public const string EndUserPopulation = "router-user";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of end users per router at scale 1; the scale multiplies the total number of end users (through the number of routers, and per router below scale 1).</summary>
    /// <value>Defaults to 50 to 400.</value>
    public IntRange EndUsers { get; set; } = IntRange.Of(50, 400);

    /// <summary>Gets or sets the range from which each end user's chance of being active on a given day is drawn.</summary>
    /// <value>Defaults to 0.08 to 0.45.</value>
    public DoubleRange EndUserActiveDayProbability { get; set; } = DoubleRange.Of(0.08, 0.45);

    /// <summary>Gets or sets the share of end users who use the router for coding.</summary>
    /// <value>Defaults to 0.35.</value>
    public double CodingShare { get; set; } = 0.35;

    /// <summary>Gets or sets the share of the router's requests that carry no end user id.</summary>
    /// <value>Defaults to 0.04.</value>
    public double AnonymousShare { get; set; } = 0.04;

    /// <summary>Gets or sets the share of end users who write in a language other than English.</summary>
    /// <value>Defaults to 0.1.</value>
    public double NonEnglishShare { get; set; } = 0.1;

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Probability(where, "non_english_share", NonEnglishShare);
        problems.Range(where, "end_users", EndUsers, 1);
        problems.Range(where, "end_user_active_day_probability", EndUserActiveDayProbability, 0, 1);
        problems.Probability(where, "coding_share", CodingShare);
        problems.Probability(where, "anonymous_share", AnonymousShare);
    }
}
