namespace DistillGuard.Simulation.Evaluation;

/// <summary>One score band of the calibration table: the labelled subjects whose score falls in it, and how many of them are attackers.</summary>
public sealed record CalibrationBand
{
    /// <summary>Gets the band's lower bound (included).</summary>
    public required double Lower { get; init; }

    /// <summary>Gets the band's upper bound: excluded, except for the last band, which includes 1.</summary>
    public required double Upper { get; init; }

    /// <summary>Gets the labelled subjects with a score in the band.</summary>
    public required int Subjects { get; init; }

    /// <summary>Gets those labelled <c>distillation</c>.</summary>
    public required int Attackers { get; init; }

    /// <summary>Gets <see cref="Attackers"/> / <see cref="Subjects"/>, or <see langword="null"/> for an empty band.</summary>
    public required double? AttackerShare { get; init; }

    /// <summary>Gets the mean score of the subjects in the band, or <see langword="null"/> for an empty band.</summary>
    public required double? MeanScore { get; init; }
}
