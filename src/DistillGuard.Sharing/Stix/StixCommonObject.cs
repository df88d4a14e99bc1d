using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>The common properties of STIX domain objects (SDOs) and relationship objects (SROs), STIX 2.1 §3.2.</summary>
public abstract record StixCommonObject : StixObject
{
    /// <summary>Gets the identity that created the object.</summary>
    [JsonPropertyName("created_by_ref")]
    [JsonPropertyOrder(-90)]
    public string? CreatedByRef { get; init; }

    /// <summary>Gets when the first version of the object was created (UTC, millisecond precision).</summary>
    [JsonPropertyName("created")]
    [JsonPropertyOrder(-89)]
    public required DateTimeOffset Created { get; init; }

    /// <summary>Gets when this version of the object was made (UTC, millisecond precision).</summary>
    [JsonPropertyName("modified")]
    [JsonPropertyOrder(-88)]
    public required DateTimeOffset Modified { get; init; }

    /// <summary>Gets whether the object is revoked.</summary>
    [JsonPropertyName("revoked")]
    public bool? Revoked { get; init; }

    /// <summary>Gets terms that describe the object; DistillGuard repeats the essentials here for plain STIX tools.</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Gets the creator's confidence in the object, 0 to 100.</summary>
    [JsonPropertyName("confidence")]
    public int? Confidence { get; init; }

    /// <summary>Gets the ids of the marking definitions that apply to the whole object.</summary>
    [JsonPropertyName("object_marking_refs")]
    public IReadOnlyList<string>? ObjectMarkingRefs { get; init; }

    /// <summary>Gets the extensions, keyed by <c>extension-definition--…</c> id.</summary>
    [JsonPropertyName("extensions")]
    public IReadOnlyDictionary<string, JsonElement>? Extensions { get; init; }
}
