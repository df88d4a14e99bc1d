using DistillGuard.Core.Policies;

namespace DistillGuard.Core.Storage;

/// <summary>
/// An operator's override for one subject: allow-list it (a known evaluation vendor) or force an action, with a reason
/// and an expiry. Overrides win over policies.
/// </summary>
public sealed record OverrideRecord
{
    /// <summary>Gets the store's id for the override; 0 before the store assigned one.</summary>
    public long Id { get; init; }

    /// <summary>Gets the account the override applies to.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the end user it applies to, or <see langword="null"/> for the account as a whole.</summary>
    public string? EndUserId { get; init; }

    /// <summary>Gets the action to take (<see cref="EnforcementAction.Allow"/> allow-lists).</summary>
    public required EnforcementAction Action { get; init; }

    /// <summary>Gets why, as the operator wrote it.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets who created it (the API key's name).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Gets when it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when it stops applying.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
