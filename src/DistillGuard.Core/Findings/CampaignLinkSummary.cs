namespace DistillGuard.Core.Findings;

/// <summary>One attribute value that ties a campaign's subjects together (a <c>links[]</c> entry).</summary>
public sealed record CampaignLinkSummary
{
    /// <summary>Gets the kind of link, for example <c>payment_fingerprint</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the shared value.</summary>
    public required string Value { get; init; }

    /// <summary>Gets how many of the campaign's subjects share it.</summary>
    public required int Subjects { get; init; }
}
