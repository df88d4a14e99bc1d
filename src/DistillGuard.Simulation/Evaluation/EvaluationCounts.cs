namespace DistillGuard.Simulation.Evaluation;

/// <summary>How the labels and the findings' subjects matched.</summary>
public sealed record EvaluationCounts
{
    /// <summary>Gets the number of labels.</summary>
    public required int Labels { get; init; }

    /// <summary>Gets the labels that say <c>distillation</c>.</summary>
    public required int AttackerLabels { get; init; }

    /// <summary>Gets the labels that say <c>benign</c>.</summary>
    public required int BenignLabels { get; init; }

    /// <summary>Gets the findings' subjects that have a label.</summary>
    public required int LabelledSubjects { get; init; }

    /// <summary>Gets the findings' subjects that have no label; they count in no rate.</summary>
    public required int UnlabelledSubjects { get; init; }

    /// <summary>Gets the labels whose subject is not in the findings (an end-user label matches only a finding for that end user).</summary>
    public required int LabelsWithoutFinding { get; init; }
}
