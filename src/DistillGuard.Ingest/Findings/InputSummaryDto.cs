namespace DistillGuard.Ingest.Findings;

/// <summary>The wire shape of <c>input</c>.</summary>
internal sealed class InputSummaryDto
{
    public long? Lines { get; set; }

    public long? Accepted { get; set; }

    public long? Rejected { get; set; }

    public long? Duplicates { get; set; }

    public string? FirstTs { get; set; }

    public string? LastTs { get; set; }
}
