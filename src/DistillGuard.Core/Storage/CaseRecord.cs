namespace DistillGuard.Core.Storage;

/// <summary>An analyst's case on one subject (an account, or an end user behind it): who claimed it, what was decided, the outcome label.</summary>
public sealed record CaseRecord
{
    /// <summary>Gets the account.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the end user behind the account, or null for the account itself.</summary>
    public string? EndUserId { get; init; }

    /// <summary>Gets the case's status.</summary>
    public required CaseStatus Status { get; init; }

    /// <summary>Gets the name of the key that claimed the case, or null.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>Gets the name of the key that decided it, or null.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Gets the override the decision created, or null.</summary>
    public long? OverrideId { get; init; }

    /// <summary>Gets the outcome label, or null while the case is not closed with one.</summary>
    public CaseLabel? Label { get; init; }

    /// <summary>Gets the analyst's note, or null.</summary>
    public string? Note { get; init; }

    /// <summary>Gets when the case last changed (whole microseconds, UTC, once stored).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
