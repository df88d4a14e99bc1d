using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A paraphrasing hydra (<c>kind: "paraphrase-hydra"</c>): many accounts, each with its own card, free-mail domain and
/// home address, sending public-collection items reworded one by one at a heavy chat user's pace with rest days. No
/// shared template, payment method, network or client; only the joint sweep of the collections ties them together.
/// </summary>
public sealed record ParaphraseHydraCampaignSpec : AdaptiveCampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "paraphrase-hydra";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of accounts at scale 1.</summary>
    /// <value>Defaults to 100.</value>
    public int Accounts { get; set; } = 100;

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "accounts", Accounts);
    }
}
