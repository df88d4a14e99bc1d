namespace DistillGuard.Ingest.Findings;

/// <summary>The wire shape of a <c>dg-findings/1</c> document; properties in the order they are written.</summary>
internal sealed class FindingsDocumentDto
{
    public string? Format { get; set; }

    public string? GeneratedAt { get; set; }

    public InputSummaryDto? Input { get; set; }

    public List<SubjectFindingDto>? Subjects { get; set; }

    public List<CampaignFindingDto>? Campaigns { get; set; }
}
