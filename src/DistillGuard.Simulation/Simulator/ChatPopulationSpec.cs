using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Individual chat users (<c>kind: "chat"</c>): free, plus and pay-as-you-go accounts on residential and mobile
/// networks, human diurnal timing with idle days, multi-turn conversations. <see cref="PopulationSpec.Count"/> is the
/// number of accounts.
/// </summary>
public sealed record ChatPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "chat";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range from which each user's chance of being active on a given day is drawn.</summary>
    /// <value>Defaults to 0.12 to 0.55.</value>
    public DoubleRange ActiveDayProbability { get; set; } = DoubleRange.Of(0.12, 0.55);

    /// <summary>Gets or sets the mean number of conversations on an active day.</summary>
    /// <value>Defaults to 1.6.</value>
    public double SessionsPerActiveDay { get; set; } = 1.6;

    /// <summary>Gets or sets the range of user turns in one conversation.</summary>
    /// <value>Defaults to 1 to 6.</value>
    public IntRange TurnsPerSession { get; set; } = IntRange.Of(1, 6);

    /// <summary>Gets or sets the share of heavy power users (active nearly every day, many long conversations).</summary>
    /// <value>Defaults to 0.05.</value>
    public double PowerUserShare { get; set; } = 0.05;

    /// <summary>Gets or sets the share of users who write in a language other than English.</summary>
    /// <value>Defaults to 0.08.</value>
    public double NonEnglishShare { get; set; } = 0.08;

    /// <summary>Gets or sets the share of users who connect through a commercial VPN.</summary>
    /// <value>Defaults to 0.05.</value>
    public double VpnShare { get; set; } = 0.05;

    /// <summary>Gets or sets the share of accounts that sign up shortly before or during the simulation.</summary>
    /// <value>Defaults to 0.1.</value>
    public double YoungAccountShare { get; set; } = 0.1;

    /// <summary>Gets or sets the share of user turns that ask for a step-by-step explanation.</summary>
    /// <value>Defaults to 0.06.</value>
    public double StepByStepShare { get; set; } = 0.06;

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "active_day_probability", ActiveDayProbability, 0, 1);
        if (!(SessionsPerActiveDay > 0 && SessionsPerActiveDay <= 50))
        {
            problems.Add(where, "sessions_per_active_day must be above 0 and at most 50");
        }

        problems.Range(where, "turns_per_session", TurnsPerSession, 1);
        problems.Probability(where, "power_user_share", PowerUserShare);
        problems.Probability(where, "non_english_share", NonEnglishShare);
        problems.Probability(where, "vpn_share", VpnShare);
        problems.Probability(where, "young_account_share", YoungAccountShare);
        problems.Probability(where, "step_by_step_share", StepByStepShare);
    }
}
