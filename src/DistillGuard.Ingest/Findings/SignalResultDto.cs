namespace DistillGuard.Ingest.Findings;

/// <summary>The wire shape of a <c>signals[]</c> entry.</summary>
internal sealed class SignalResultDto
{
    public string? Name { get; set; }

    public double? Value { get; set; }

    public double? Contribution { get; set; }

    public string? Evidence { get; set; }
}
