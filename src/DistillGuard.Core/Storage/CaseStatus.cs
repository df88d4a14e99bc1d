namespace DistillGuard.Core.Storage;

/// <summary>Where an analyst's case on a subject stands. The numeric values are stored and stable.</summary>
public enum CaseStatus
{
    /// <summary>No analyst has taken the case (the state of every subject without a stored case).</summary>
    Open = 0,

    /// <summary>An analyst claimed the case and is working on it.</summary>
    Claimed = 1,

    /// <summary>An analyst recorded a decision on the subject.</summary>
    Decided = 2,
}
