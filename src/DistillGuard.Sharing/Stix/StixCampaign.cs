using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>campaign</c>: a grouping of adversarial behaviour over a period of time (STIX 2.1 §4.2).</summary>
public sealed record StixCampaign : StixCommonObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "campaign";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the campaign's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets a description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets alternative names.</summary>
    [JsonPropertyName("aliases")]
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>Gets when the campaign was first seen.</summary>
    [JsonPropertyName("first_seen")]
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Gets when the campaign was last seen.</summary>
    [JsonPropertyName("last_seen")]
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Gets the campaign's objective.</summary>
    [JsonPropertyName("objective")]
    public string? Objective { get; init; }
}
