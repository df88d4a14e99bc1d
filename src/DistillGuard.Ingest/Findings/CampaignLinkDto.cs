namespace DistillGuard.Ingest.Findings;

/// <summary>The wire shape of a <c>links[]</c> entry.</summary>
internal sealed class CampaignLinkDto
{
    public string? Kind { get; set; }

    public string? Value { get; set; }

    public int? Subjects { get; set; }
}
