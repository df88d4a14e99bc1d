namespace DistillGuard.Core.Findings;

/// <summary>The <c>dg-findings/1</c> document: a verdict on every subject seen, and the campaigns.</summary>
public sealed record FindingsDocument
{
    /// <summary>The format tag written in <c>format</c>.</summary>
    public const string FormatName = "dg-findings/1";

    /// <summary>Gets when the document was generated.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets what was read.</summary>
    public required InputSummary Input { get; init; }

    /// <summary>Gets every subject seen.</summary>
    public required IReadOnlyList<SubjectFinding> Subjects { get; init; }

    /// <summary>Gets the campaigns.</summary>
    public required IReadOnlyList<CampaignFinding> Campaigns { get; init; }
}
