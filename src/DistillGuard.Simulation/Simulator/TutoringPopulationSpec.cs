using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>
/// A tutoring app (<c>kind: "tutoring"</c>): one account whose many students, in classes that get the same homework,
/// paste their problems after school and ask for the full worked solution step by step, under a system prompt that
/// tells the model to show every step. <see cref="PopulationSpec.Count"/> is the number of apps; the account is
/// labelled with the population name, each student with <see cref="StudentPopulation"/>.
/// </summary>
public sealed record TutoringPopulationSpec : PopulationSpec
{
    /// <summary>The value of <c>kind</c> for this population.</summary>
    public const string KindName = "tutoring";

    /// <summary>The population name the students are labelled with (the app account keeps <see cref="PopulationSpec.PopulationName"/>).</summary>
    public const string StudentPopulation = "tutoring-student";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets or sets the range of students per app at scale 1 (the total follows the scale).</summary>
    /// <value>Defaults to 2,300 to 2,450.</value>
    public IntRange Students { get; set; } = IntRange.Of(2300, 2450);

    /// <summary>Gets or sets the range of class sizes; a class gets the same homework.</summary>
    /// <value>Defaults to 20 to 34.</value>
    public IntRange ClassSize { get; set; } = IntRange.Of(20, 34);

    /// <summary>Gets or sets the range of problems in one day's homework.</summary>
    /// <value>Defaults to 3 to 8.</value>
    public IntRange ProblemsPerHomework { get; set; } = IntRange.Of(3, 8);

    /// <summary>Gets or sets the range from which each student's chance of using the app on a school day is drawn.</summary>
    /// <value>Defaults to 0.1 to 0.6.</value>
    public DoubleRange SchoolDayProbability { get; set; } = DoubleRange.Of(0.1, 0.6);

    /// <summary>Gets or sets the range of follow-up questions after a solution.</summary>
    /// <value>Defaults to 0 to 3.</value>
    public IntRange FollowUps { get; set; } = IntRange.Of(0, 3);

    /// <inheritdoc />
    internal override void Validate(string where, ScenarioProblems problems)
    {
        base.Validate(where, problems);
        problems.Range(where, "students", Students, 1);
        problems.Range(where, "class_size", ClassSize, 1);
        problems.Range(where, "problems_per_homework", ProblemsPerHomework, 1);
        problems.Range(where, "school_day_probability", SchoolDayProbability, 0, 1);
        problems.Range(where, "follow_ups", FollowUps, 0);
    }
}
