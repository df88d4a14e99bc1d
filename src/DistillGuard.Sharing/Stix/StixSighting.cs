using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>sighting</c>: an object was seen, how often, when and by whom (STIX 2.1 §5.2).</summary>
public sealed record StixSighting : StixCommonObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "sighting";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets a description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets when the object was first seen.</summary>
    [JsonPropertyName("first_seen")]
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Gets when the object was last seen.</summary>
    [JsonPropertyName("last_seen")]
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Gets how many times it was seen, 0 to 999,999,999.</summary>
    [JsonPropertyName("count")]
    public int? Count { get; init; }

    /// <summary>Gets the id of what was seen (an indicator, a campaign, …).</summary>
    [JsonPropertyName("sighting_of_ref")]
    public required string SightingOfRef { get; init; }

    /// <summary>Gets the observed-data objects that show it.</summary>
    [JsonPropertyName("observed_data_refs")]
    public IReadOnlyList<string>? ObservedDataRefs { get; init; }

    /// <summary>Gets the identities that saw it.</summary>
    [JsonPropertyName("where_sighted_refs")]
    public IReadOnlyList<string>? WhereSightedRefs { get; init; }
}
