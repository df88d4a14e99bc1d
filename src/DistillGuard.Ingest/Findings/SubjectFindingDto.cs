namespace DistillGuard.Ingest.Findings;

/// <summary>The wire shape of a <c>subjects[]</c> entry.</summary>
internal sealed class SubjectFindingDto
{
    public string? AccountId { get; set; }

    public string? EndUserId { get; set; }

    public string? Verdict { get; set; }

    public double? Score { get; set; }

    public string? CampaignId { get; set; }

    public long? Exchanges { get; set; }

    public string? FirstFlaggedAt { get; set; }

    public long? ExchangesBeforeFlag { get; set; }

    public List<SignalResultDto>? Signals { get; set; }
}
