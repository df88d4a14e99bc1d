using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>identity</c>: who produced the intelligence (STIX 2.1 §4.5).</summary>
public sealed record StixIdentity : StixCommonObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "identity";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the identity's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets a description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the kind of entity (open vocabulary <c>identity-class-ov</c>: <c>organization</c>, <c>system</c>, …).</summary>
    [JsonPropertyName("identity_class")]
    public string? IdentityClass { get; init; }

    /// <summary>Gets the industry sectors (open vocabulary <c>industry-sector-ov</c>).</summary>
    [JsonPropertyName("sectors")]
    public IReadOnlyList<string>? Sectors { get; init; }
}
