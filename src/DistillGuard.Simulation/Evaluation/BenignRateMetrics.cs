namespace DistillGuard.Simulation.Evaluation;

/// <summary>How often detection flagged subjects labelled <c>benign</c>: overall, or within one population.</summary>
public sealed record BenignRateMetrics
{
    /// <summary>Gets the population (<c>label.population</c>), or <see langword="null"/> for all benign subjects.</summary>
    public string? Population { get; init; }

    /// <summary>Gets the benign subjects that have a finding; only they count in the rates.</summary>
    public required int Subjects { get; init; }

    /// <summary>Gets the benign labels without a finding: never judged, so neither a true nor a false alarm.</summary>
    public required int WithoutFinding { get; init; }

    /// <summary>Gets the benign subjects with verdict <c>distillation</c>.</summary>
    public required int DistillationVerdicts { get; init; }

    /// <summary>Gets the benign subjects with verdict <c>suspicious</c> or <c>distillation</c>.</summary>
    public required int FlaggedVerdicts { get; init; }

    /// <summary>Gets the false-positive rate <see cref="DistillationVerdicts"/> / <see cref="Subjects"/>, or <see langword="null"/> without subjects.</summary>
    public required double? DistillationRate { get; init; }

    /// <summary>Gets <see cref="FlaggedVerdicts"/> / <see cref="Subjects"/>, or <see langword="null"/> without subjects.</summary>
    public required double? FlaggedRate { get; init; }
}
