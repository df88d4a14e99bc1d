using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// An attacker-run reseller (<c>kind: "reseller"</c>): one account with router-like headers and many end users, some
/// of whom harvest while the others send padding copied from chat corpora. The account and its harvesting end users
/// are labelled <c>distillation</c>; the padding end users are the attacker's own fakes and are left unlabelled.
/// </summary>
public sealed record ResellerCampaignSpec : CampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "reseller";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of end users at scale 1.</summary>
    /// <value>Defaults to 60.</value>
    public int EndUsers { get; set; } = 60;

    /// <summary>Gets or sets the share of end users that harvest.</summary>
    /// <value>Defaults to 0.3.</value>
    public double HarvestingShare { get; set; } = 0.3;

    /// <summary>Gets or sets the range of exchanges per harvesting end user on an active day.</summary>
    /// <value>Defaults to 20 to 90.</value>
    public IntRange HarvestingExchangesPerDay { get; set; } = IntRange.Of(20, 90);

    /// <summary>Gets or sets the range of exchanges per padding end user on an active day.</summary>
    /// <value>Defaults to 2 to 12.</value>
    public IntRange PaddingExchangesPerDay { get; set; } = IntRange.Of(2, 12);

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "end_users", EndUsers);
        problems.Probability(where, "harvesting_share", HarvestingShare);
        problems.Range(where, "harvesting_exchanges_per_day", HarvestingExchangesPerDay, 0);
        problems.Range(where, "padding_exchanges_per_day", PaddingExchangesPerDay, 0);
    }
}
