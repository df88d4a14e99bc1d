namespace DistillGuard.Ingest.Findings;

/// <summary>The wire shape of a campaign's <c>subjects[]</c> entry; <c>end_user_id</c> is written even when null.</summary>
internal sealed class SubjectKeyDto
{
    public string? AccountId { get; set; }

    public string? EndUserId { get; set; }
}
