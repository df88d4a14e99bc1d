using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A role-play app (<c>kind: "roleplay-app"</c>): one account whose end users hold long in-character conversations in
/// the evening, under a system prompt that asks the model for "deeper thinking" about the character before each reply.
/// <see cref="PopulationSpec.Count"/> is the number of apps; the account is labelled with the population name, each
/// user with <see cref="UserPopulation"/>.
/// </summary>
public sealed record RoleplayAppPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "roleplay-app";

    /// <summary>The population name the app's end users are labelled with.</summary>
    public const string UserPopulation = "roleplay-user";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of end users per app at scale 1 (the total follows the scale).</summary>
    /// <value>Defaults to 300 to 600.</value>
    public IntRange EndUsers { get; set; } = IntRange.Of(300, 600);

    /// <summary>Gets or sets the range from which each user's chance of playing on a given day is drawn.</summary>
    /// <value>Defaults to 0.15 to 0.7.</value>
    public DoubleRange ActiveDayProbability { get; set; } = DoubleRange.Of(0.15, 0.7);

    /// <summary>Gets or sets the range of user turns in one session.</summary>
    /// <value>Defaults to 4 to 20.</value>
    public IntRange TurnsPerSession { get; set; } = IntRange.Of(4, 20);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "end_users", EndUsers, 1);
        problems.Range(where, "active_day_probability", ActiveDayProbability, 0, 1);
        problems.Range(where, "turns_per_session", TurnsPerSession, 1);
    }
}
