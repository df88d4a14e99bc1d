using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX 2.1 object: a domain or relationship object, a cyber-observable, a marking or an extension definition.</summary>
/// <remarks>
/// Serialisation goes through <see cref="StixSerializer"/> (System.Text.Json source generation). Reading dispatches on
/// <c>type</c>: the types DistillGuard produces become their own classes, every other type becomes an
/// <see cref="UnknownStixObject"/> that keeps its JSON; properties a class does not model are kept in
/// <see cref="AdditionalProperties"/> and written back unchanged.
/// </remarks>
[JsonConverter(typeof(StixObjectConverter))]
public abstract record StixObject
{
    /// <summary>The STIX specification version that DistillGuard writes.</summary>
    public const string SpecVersion21 = "2.1";

    /// <summary>Gets the object's type, for example <c>campaign</c>.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-100)]
    public string Type => DeclaredType;

    /// <summary>Gets the STIX specification version of the object.</summary>
    /// <value>Defaults to <c>2.1</c>.</value>
    [JsonPropertyName("spec_version")]
    [JsonPropertyOrder(-99)]
    public string? SpecVersion { get; init; } = SpecVersion21;

    /// <summary>Gets the identifier, <c>type--UUID</c> (see <see cref="StixIdentifier"/>).</summary>
    [JsonPropertyName("id")]
    [JsonPropertyOrder(-98)]
    public required string Id { get; init; }

    /// <summary>Gets the type name of the object's class (or, for an <see cref="UnknownStixObject"/>, as read).</summary>
    protected abstract string DeclaredType { get; }

    /// <summary>Gets the properties this class does not model, kept as they were read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
