namespace DistillGuard.Core.Findings;

/// <summary>Who is judged: an account, or an end user behind an account.</summary>
/// <param name="AccountId">The billing account.</param>
/// <param name="EndUserId">The end user behind the account, or <see langword="null"/> for the account as a whole.</param>
public sealed record SubjectKey(string AccountId, string? EndUserId)
{
    /// <summary>Gets whether this subject is an end user behind an account.</summary>
    public bool IsEndUser => EndUserId is not null;

    /// <inheritdoc />
    public override string ToString() => EndUserId is null ? AccountId : $"{AccountId}/{EndUserId}";
}
