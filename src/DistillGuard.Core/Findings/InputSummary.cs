namespace DistillGuard.Core.Findings;

/// <summary>What was read to produce findings (the <c>input</c> object of <c>dg-findings/1</c>).</summary>
public sealed record InputSummary
{
    /// <summary>Gets the lines read.</summary>
    public required long Lines { get; init; }

    /// <summary>Gets the exchanges accepted.</summary>
    public required long Accepted { get; init; }

    /// <summary>Gets the lines rejected as bad input.</summary>
    public required long Rejected { get; init; }

    /// <summary>Gets the exchanges ignored as duplicates of an id already seen.</summary>
    public required long Duplicates { get; init; }

    /// <summary>Gets the earliest accepted timestamp.</summary>
    public DateTimeOffset? FirstTimestamp { get; init; }

    /// <summary>Gets the latest accepted timestamp.</summary>
    public DateTimeOffset? LastTimestamp { get; init; }
}
