namespace DistillGuard.Core.Findings;

/// <summary>A group of linked subjects that act together (a <c>campaigns[]</c> entry of <c>dg-findings/1</c>).</summary>
public sealed record CampaignFinding
{
    /// <summary>Gets the campaign's id, for example <c>cmp_0003</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the campaign's own score from its members' evidence taken together.</summary>
    public required double Score { get; init; }

    /// <summary>Gets the member subjects.</summary>
    public required IReadOnlyList<SubjectKey> Subjects { get; init; }

    /// <summary>Gets the links that tie the members.</summary>
    public required IReadOnlyList<CampaignLinkSummary> Links { get; init; }

    /// <summary>Gets a one-paragraph human summary.</summary>
    public required string Summary { get; init; }
}
