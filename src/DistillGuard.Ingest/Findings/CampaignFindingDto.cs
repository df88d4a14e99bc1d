namespace DistillGuard.Ingest.Findings;

/// <summary>The wire shape of a <c>campaigns[]</c> entry.</summary>
internal sealed class CampaignFindingDto
{
    public string? Id { get; set; }

    public double? Score { get; set; }

    public List<SubjectKeyDto>? Subjects { get; set; }

    public List<CampaignLinkDto>? Links { get; set; }

    public string? Summary { get; set; }
}
