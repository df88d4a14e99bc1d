using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// Developers running an open-source coding agent (<c>kind: "coding-agent"</c>): tools offered on every request, long
/// trajectories of tool calls over their own repositories whose results vary (failing tests, build errors, patches
/// that do not apply), the developer stepping in, working days. <see cref="PopulationSpec.Count"/> is the number of
/// accounts.
/// </summary>
public sealed record CodingAgentPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "coding-agent";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range from which each developer's chance of working on a given weekday is drawn.</summary>
    /// <value>Defaults to 0.4 to 0.9.</value>
    public DoubleRange ActiveDayProbability { get; set; } = DoubleRange.Of(0.4, 0.9);

    /// <summary>Gets or sets the range of tasks a developer gives the agent on a working day.</summary>
    /// <value>Defaults to 1 to 6.</value>
    public IntRange TasksPerDay { get; set; } = IntRange.Of(1, 6);

    /// <summary>Gets or sets the range of agent steps (requests) in one task.</summary>
    /// <value>Defaults to 3 to 16.</value>
    public IntRange StepsPerTask { get; set; } = IntRange.Of(3, 16);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "active_day_probability", ActiveDayProbability, 0, 1);
        problems.Range(where, "tasks_per_day", TasksPerDay, 1);
        problems.Range(where, "steps_per_task", StepsPerTask, 1);
    }
}
