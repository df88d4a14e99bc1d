using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Overt harvesting (<c>kind: "overt"</c>): a few young accounts on datacenter addresses sending distillation-style
/// prompts around the clock at high volume, with reasoning-trace coercion, <c>n &gt; 1</c>, <c>logprobs</c> and very
/// large output budgets.
/// </summary>
public sealed record OvertCampaignSpec : CampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "overt";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of accounts at scale 1.</summary>
    /// <value>Defaults to 2.</value>
    public int Accounts { get; set; } = 2;

    /// <summary>Gets or sets the range of exchanges per account per day.</summary>
    /// <value>Defaults to 450 to 850.</value>
    public IntRange ExchangesPerAccountDay { get; set; } = IntRange.Of(450, 850);

    /// <summary>Gets or sets the range of <c>n</c> (choices per request) asked for.</summary>
    /// <value>Defaults to 2 to 8.</value>
    public IntRange Choices { get; set; } = IntRange.Of(2, 8);

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "accounts", Accounts);
        problems.Range(where, "exchanges_per_account_day", ExchangesPerAccountDay, 0);
        problems.Range(where, "choices", Choices, 1);
    }
}
