using DistillGuard.Core.Findings;

namespace DistillGuard.ServiceBench;

/// <summary>The subjects of the traffic, split by what the batch pass found: flagged (suspicious or worse) or benign, account or end user.</summary>
public sealed record SubjectPools
{
    /// <summary>Gets the flagged accounts.</summary>
    public required IReadOnlyList<SubjectKey> FlaggedAccounts { get; init; }

    /// <summary>Gets the flagged end users.</summary>
    public required IReadOnlyList<SubjectKey> FlaggedEndUsers { get; init; }

    /// <summary>Gets the benign accounts.</summary>
    public required IReadOnlyList<SubjectKey> BenignAccounts { get; init; }

    /// <summary>Gets the benign end users.</summary>
    public required IReadOnlyList<SubjectKey> BenignEndUsers { get; init; }

    /// <summary>Splits the subjects of <paramref name="findings"/>.</summary>
    public static SubjectPools From(FindingsDocument findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        List<SubjectKey> flaggedAccounts = [], flaggedEndUsers = [], benignAccounts = [], benignEndUsers = [];
        foreach (var subject in findings.Subjects)
        {
            var key = new SubjectKey(subject.AccountId, subject.EndUserId);
            var flagged = subject.Verdict >= Verdict.Suspicious;
            var pool = (flagged, subject.EndUserId is null) switch
            {
                (true, true) => flaggedAccounts,
                (true, false) => flaggedEndUsers,
                (false, true) => benignAccounts,
                (false, false) => benignEndUsers,
            };
            pool.Add(key);
        }

        return new SubjectPools
        {
            FlaggedAccounts = flaggedAccounts,
            FlaggedEndUsers = flaggedEndUsers,
            BenignAccounts = benignAccounts,
            BenignEndUsers = benignEndUsers,
        };
    }
}
