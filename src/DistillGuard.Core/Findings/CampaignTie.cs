namespace DistillGuard.Core.Findings;

/// <summary>A shared value that ties accounts of a campaign, with the member accounts that share it (the edges of a campaign's link graph).</summary>
public sealed record CampaignTie
{
    /// <summary>Gets the link's kind (<c>payment_fingerprint</c>, <c>proxy_address</c>, ...), as in <see cref="CampaignLinkSummary.Kind"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the shared value, as in <see cref="CampaignLinkSummary.Value"/>.</summary>
    public required string Value { get; init; }

    /// <summary>Gets the member accounts that share it, in ordinal order.</summary>
    public required IReadOnlyList<string> Accounts { get; init; }
}
