using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>The collections resource as read.</summary>
internal sealed record TaxiiCollections
{
    [JsonPropertyName("collections")]
    public List<TaxiiCollectionInfo>? Collections { get; init; }
}
