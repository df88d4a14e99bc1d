using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A release pivot (<c>kind: "release-pivot"</c>): a paraphrasing campaign that moves to a newly released flagship
/// within hours of its release. A few of its fronts harvest the old flagship before; at the pivot all of them turn to
/// the new model and send more. Needs a flagship released during the simulation.
/// </summary>
public sealed record ReleasePivotCampaignSpec : AdaptiveCampaignSpec
{
    /// <summary>The value of <c>kind</c> for this campaign.</summary>
    public const string KindName = "release-pivot";

    /// <summary>Initialises the spec; the pivot comes within a day of the release.</summary>
    public ReleasePivotCampaignSpec()
    {
        PivotDelayHours = DoubleRange.Of(2, 20);
    }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the number of accounts at scale 1.</summary>
    /// <value>Defaults to 40.</value>
    public int Accounts { get; set; } = 40;

    /// <summary>Gets or sets the share of fronts that already harvest the old flagship before the pivot.</summary>
    /// <value>Defaults to 0.25.</value>
    public double PreReleaseShare { get; set; } = 0.25;

    /// <summary>Gets or sets how much more each front sends per active day after the pivot.</summary>
    /// <value>Defaults to 1.5.</value>
    public double PostReleaseVolume { get; set; } = 1.5;

    /// <inheritdoc />
    internal override void Validate(string where, int days, ScenarioProblems problems)
    {
        base.Validate(where, days, problems);
        problems.NonNegative(where, "accounts", Accounts);
        problems.Probability(where, "pre_release_share", PreReleaseShare);
        if (!(PostReleaseVolume > 0 && PostReleaseVolume <= 5))
        {
            problems.Add(where, "post_release_volume must be above 0 and at most 5");
        }

        if (!PivotToNewModel)
        {
            problems.Add(where, "pivot_to_new_model must be true for a release pivot");
        }
    }
}
