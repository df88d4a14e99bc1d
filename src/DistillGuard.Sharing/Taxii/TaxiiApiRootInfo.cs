using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>An API root resource (TAXII 2.1 §4.2.1).</summary>
public sealed record TaxiiApiRootInfo
{
    /// <summary>Gets the title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>Gets the description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the TAXII versions the root supports.</summary>
    [JsonPropertyName("versions")]
    public IReadOnlyList<string>? Versions { get; init; }

    /// <summary>Gets the largest request body the root accepts, in bytes.</summary>
    [JsonPropertyName("max_content_length")]
    public long MaxContentLength { get; init; }
}
