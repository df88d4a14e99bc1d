using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>relationship</c> between two objects (STIX 2.1 §5.1).</summary>
public sealed record StixRelationship : StixCommonObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "relationship";

    /// <summary>An indicator indicates a campaign.</summary>
    public const string Indicates = "indicates";

    /// <summary>A campaign uses infrastructure.</summary>
    public const string Uses = "uses";

    /// <summary>A campaign is attributed to an actor.</summary>
    public const string AttributedTo = "attributed-to";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the kind of relationship, for example <c>indicates</c>.</summary>
    [JsonPropertyName("relationship_type")]
    public required string RelationshipType { get; init; }

    /// <summary>Gets a description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the source object's id.</summary>
    [JsonPropertyName("source_ref")]
    public required string SourceRef { get; init; }

    /// <summary>Gets the target object's id.</summary>
    [JsonPropertyName("target_ref")]
    public required string TargetRef { get; init; }

    /// <summary>Gets when the relationship was first seen.</summary>
    [JsonPropertyName("start_time")]
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Gets when the relationship was last seen.</summary>
    [JsonPropertyName("stop_time")]
    public DateTimeOffset? StopTime { get; init; }
}
