using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>A collection resource, as the server shows it to this client (TAXII 2.1 §5.2.1).</summary>
public sealed record TaxiiCollectionInfo
{
    /// <summary>Gets the collection's id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Gets the title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>Gets the description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets a value indicating whether this client may read the objects.</summary>
    [JsonPropertyName("can_read")]
    public bool CanRead { get; init; }

    /// <summary>Gets a value indicating whether this client may add objects.</summary>
    [JsonPropertyName("can_write")]
    public bool CanWrite { get; init; }
}
