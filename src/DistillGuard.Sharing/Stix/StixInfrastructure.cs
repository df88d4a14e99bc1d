using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>infrastructure</c>: resources an adversary uses, here proxy pools and account farms (STIX 2.1 §4.8).</summary>
public sealed record StixInfrastructure : StixCommonObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "infrastructure";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the infrastructure's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets a description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the kinds of infrastructure (open vocabulary <c>infrastructure-type-ov</c>, for example <c>anonymization</c>).</summary>
    [JsonPropertyName("infrastructure_types")]
    public IReadOnlyList<string>? InfrastructureTypes { get; init; }

    /// <summary>Gets when the infrastructure was first seen.</summary>
    [JsonPropertyName("first_seen")]
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Gets when the infrastructure was last seen.</summary>
    [JsonPropertyName("last_seen")]
    public DateTimeOffset? LastSeen { get; init; }
}
