namespace DistillGuard.Simulation.Evaluation;

/// <summary>How often a <c>distillation</c> verdict, the one that leads to enforcement, was right.</summary>
public sealed record PrecisionMetrics
{
    /// <summary>Gets the labelled subjects with verdict <c>distillation</c>.</summary>
    public required int DistillationVerdicts { get; init; }

    /// <summary>Gets those of <see cref="DistillationVerdicts"/> that are labelled <c>distillation</c>.</summary>
    public required int TrueDistillationVerdicts { get; init; }

    /// <summary>Gets <see cref="TrueDistillationVerdicts"/> / <see cref="DistillationVerdicts"/>, or <see langword="null"/> without such verdicts.</summary>
    public required double? Precision { get; init; }

    /// <summary>Gets the unlabelled subjects with verdict <c>distillation</c>, which the precision leaves out.</summary>
    public required int UnlabelledDistillationVerdicts { get; init; }
}
