using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>A server's discovery resource (TAXII 2.1 §4.1.1).</summary>
public sealed record TaxiiDiscovery
{
    /// <summary>Gets the server's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>Gets the description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the default API root's URL, or null.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; init; }

    /// <summary>Gets the URLs of the API roots this client may see.</summary>
    [JsonPropertyName("api_roots")]
    public IReadOnlyList<string>? ApiRoots { get; init; }
}
