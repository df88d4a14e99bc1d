namespace DistillGuard.Simulation.Evaluation;

/// <summary>How many labelled attackers detection caught.</summary>
public sealed record RecallMetrics
{
    /// <summary>Gets the subjects labelled <c>distillation</c>.</summary>
    public required int Attackers { get; init; }

    /// <summary>Gets the attackers with verdict <c>suspicious</c> or <c>distillation</c>.</summary>
    public required int Flagged { get; init; }

    /// <summary>Gets the attackers with verdict <c>distillation</c>.</summary>
    public required int AtDistillation { get; init; }

    /// <summary>Gets the attackers missing from the findings; they count as missed.</summary>
    public required int MissingFromFindings { get; init; }

    /// <summary>Gets <see cref="Flagged"/> / <see cref="Attackers"/>, or <see langword="null"/> without attackers.</summary>
    public required double? Recall { get; init; }

    /// <summary>Gets <see cref="AtDistillation"/> / <see cref="Attackers"/>, or <see langword="null"/> without attackers.</summary>
    public required double? RecallAtDistillation { get; init; }
}
