namespace DistillGuard.Ingest.Labels;

/// <summary>The wire shape of one line of a labels file.</summary>
internal sealed class LabelLineDto
{
    public string? AccountId { get; set; }

    public string? EndUserId { get; set; }

    public string? Label { get; set; }

    public string? Campaign { get; set; }

    public string? Population { get; set; }
}
