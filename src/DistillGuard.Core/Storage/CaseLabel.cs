namespace DistillGuard.Core.Storage;

/// <summary>The outcome an analyst gives a case when closing it, for calibration. The numeric values are stored and stable.</summary>
public enum CaseLabel
{
    /// <summary>The detector was wrong: a legitimate customer.</summary>
    FalsePositive = 1,

    /// <summary>The analyst confirmed the subject harvests the model's answers to train another model.</summary>
    ConfirmedDistillation = 2,

    /// <summary>Looks like distillation but is a permitted use (an evaluation vendor, a licensed synthetic-data customer).</summary>
    BenignLookAlike = 3,
}
