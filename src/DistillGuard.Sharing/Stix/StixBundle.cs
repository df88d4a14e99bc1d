using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX 2.1 <c>bundle</c>: a container of STIX objects (STIX 2.1 §8).</summary>
public sealed record StixBundle
{
    /// <summary>The type name.</summary>
    public const string TypeName = "bundle";

    /// <summary>Gets the type.</summary>
    /// <value>Always <c>bundle</c>.</value>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-100)]
    public string Type { get; init; } = TypeName;

    /// <summary>Gets the bundle's id, <c>bundle--UUIDv4</c>.</summary>
    [JsonPropertyName("id")]
    [JsonPropertyOrder(-99)]
    public required string Id { get; init; }

    /// <summary>Gets the objects.</summary>
    [JsonPropertyName("objects")]
    public required IReadOnlyList<StixObject> Objects { get; init; }

    /// <summary>Gets the objects of one class, in bundle order.</summary>
    /// <typeparam name="T">The class, for example <see cref="StixIndicator"/>.</typeparam>
    /// <returns>The objects of that class.</returns>
    public IEnumerable<T> OfType<T>()
        where T : StixObject => Objects.OfType<T>();
}
