using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>marking-definition</c>: a handling restriction such as a TLP level (STIX 2.1 §7.2).</summary>
/// <remarks>The TLP 2.0 definitions are fixed objects; take them from <see cref="TlpMarkings"/>.</remarks>
public sealed record StixMarkingDefinition : StixObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "marking-definition";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the identity that created the marking.</summary>
    [JsonPropertyName("created_by_ref")]
    public string? CreatedByRef { get; init; }

    /// <summary>Gets when the marking was created.</summary>
    [JsonPropertyName("created")]
    public required DateTimeOffset Created { get; init; }

    /// <summary>Gets the marking's name, for example <c>TLP:AMBER</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Gets the STIX 2.1 §7.2.1 definition type (<c>statement</c>, or the TLP 1.0 <c>tlp</c>).</summary>
    [JsonPropertyName("definition_type")]
    public string? DefinitionType { get; init; }

    /// <summary>Gets the STIX 2.1 §7.2.1 definition.</summary>
    [JsonPropertyName("definition")]
    public JsonElement? Definition { get; init; }

    /// <summary>Gets the markings that apply to this marking.</summary>
    [JsonPropertyName("object_marking_refs")]
    public IReadOnlyList<string>? ObjectMarkingRefs { get; init; }

    /// <summary>Gets the extensions (the TLP 2.0 definitions carry theirs here).</summary>
    [JsonPropertyName("extensions")]
    public IReadOnlyDictionary<string, JsonElement>? Extensions { get; init; }
}
