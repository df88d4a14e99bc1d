namespace DistillGuard.Server.AnalystConsole;

/// <summary>The reason codes a console decision must carry (written as snake_case into the override's reason and the audit log).</summary>
internal enum DecisionReason
{
    /// <summary>The analyst confirmed distillation.</summary>
    ConfirmedDistillation,

    /// <summary>Distillation is likely; the action limits it while the case is worked.</summary>
    SuspectedDistillation,

    /// <summary>The detector was wrong about a legitimate customer.</summary>
    FalsePositive,

    /// <summary>A known evaluation vendor (allow-list).</summary>
    EvaluationVendor,

    /// <summary>A customer licensed to generate synthetic data (allow-list).</summary>
    LicensedSyntheticData,

    /// <summary>Another breach of the terms of use.</summary>
    PolicyViolation,

    /// <summary>Explained in the note (required then).</summary>
    Other,
}
