using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Multi-turn elaboration harvesting (<c>kind: "elaboration"</c>): fronts like a paraphrasing hydra's, but each item
/// opens a conversation whose follow-ups only ask for more depth ("go deeper", "expand on step 3"), in varied wording
/// and the fronts' languages, each turn drawing a longer answer on the same item.
/// </summary>
public sealed record ElaborationCampaignSpec : AdaptiveCampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "elaboration";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of accounts at scale 1.</summary>
    /// <value>Defaults to 40.</value>
    public int Accounts { get; set; } = 40;

    /// <summary>Gets or sets the range of depth follow-ups after the first prompt of a conversation.</summary>
    /// <value>Defaults to 2 to 5.</value>
    public IntRange DepthTurns { get; set; } = IntRange.Of(2, 5);

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "accounts", Accounts);
        problems.Range(where, "depth_turns", DepthTurns, 1);
    }
}
