using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>extension-definition</c>: declares custom vocabulary (STIX 2.1 §7.3).</summary>
public sealed record StixExtensionDefinition : StixCommonObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "extension-definition";

    /// <summary>An extension that defines a new cyber-observable type.</summary>
    public const string NewSco = "new-sco";

    /// <summary>An extension that adds properties inside an object's <c>extensions</c>.</summary>
    public const string PropertyExtension = "property-extension";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the extension's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets what the extension conveys and how to use it.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the normative definition: a URL or a plain-text description of the schema.</summary>
    [JsonPropertyName("schema")]
    public required string Schema { get; init; }

    /// <summary>Gets the extension's version.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>Gets the kinds of extension it contains (<c>new-sco</c>, <c>property-extension</c>, …).</summary>
    [JsonPropertyName("extension_types")]
    public required IReadOnlyList<string> ExtensionTypes { get; init; }
}
