using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>A TAXII envelope as read: one page of objects.</summary>
internal sealed record TaxiiEnvelope
{
    [JsonPropertyName("more")]
    public bool More { get; init; }

    [JsonPropertyName("next")]
    public string? Next { get; init; }

    [JsonPropertyName("objects")]
    public List<JsonElement>? Objects { get; init; }
}
