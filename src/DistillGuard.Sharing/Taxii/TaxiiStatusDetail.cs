using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>One object version in a TAXII status resource.</summary>
public sealed record TaxiiStatusDetail
{
    /// <summary>Gets the STIX id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Gets the version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>Gets the server's message about it.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
