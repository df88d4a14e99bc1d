using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A multilingual campaign (<c>kind: "multilingual"</c>): reasoning-trace coercion written in many languages around
/// distillation-style prompts, some of them translated, from VPN and datacenter addresses.
/// </summary>
public sealed record MultilingualCampaignSpec : CampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "multilingual";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of accounts at scale 1.</summary>
    /// <value>Defaults to 30.</value>
    public int Accounts { get; set; } = 30;

    /// <summary>Gets or sets the range of exchanges per account on an active day.</summary>
    /// <value>Defaults to 15 to 60.</value>
    public IntRange ExchangesPerActiveDay { get; set; } = IntRange.Of(15, 60);

    /// <summary>Gets or sets the chance that an account is active on a given day.</summary>
    /// <value>Defaults to 0.6.</value>
    public double ActiveDayProbability { get; set; } = 0.6;

    /// <summary>Gets or sets the number of payment fingerprints shared by the accounts at scale 1.</summary>
    /// <value>Defaults to 4.</value>
    public int PaymentFingerprints { get; set; } = 4;

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "accounts", Accounts);
        problems.Range(where, "exchanges_per_active_day", ExchangesPerActiveDay, 0);
        problems.Probability(where, "active_day_probability", ActiveDayProbability);
        problems.Positive(where, "payment_fingerprints", PaymentFingerprints);
    }
}
