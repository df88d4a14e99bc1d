using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A low-and-slow campaign (<c>kind: "low-slow"</c>): a few accounts with human timing on residential addresses,
/// sweeping a topic taxonomy systematically with paraphrased instruction prefixes and long outputs, asking for
/// reasoning mildly if at all.
/// </summary>
public sealed record LowSlowCampaignSpec : CampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "low-slow";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of accounts at scale 1.</summary>
    /// <value>Defaults to 12.</value>
    public int Accounts { get; set; } = 12;

    /// <summary>Gets or sets the range of exchanges per account on an active day.</summary>
    /// <value>Defaults to 10 to 40.</value>
    public IntRange ExchangesPerActiveDay { get; set; } = IntRange.Of(10, 40);

    /// <summary>Gets or sets the chance that an account is active on a given day.</summary>
    /// <value>Defaults to 0.7.</value>
    public double ActiveDayProbability { get; set; } = 0.7;

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "accounts", Accounts);
        problems.Range(where, "exchanges_per_active_day", ExchangesPerActiveDay, 0);
        problems.Probability(where, "active_day_probability", ActiveDayProbability);
    }
}
