using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>observed-data</c>: observables seen, how often and when (STIX 2.1 §4.14).</summary>
public sealed record StixObservedData : StixCommonObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "observed-data";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the start of the observation window.</summary>
    [JsonPropertyName("first_observed")]
    public required DateTimeOffset FirstObserved { get; init; }

    /// <summary>Gets the end of the observation window.</summary>
    [JsonPropertyName("last_observed")]
    public required DateTimeOffset LastObserved { get; init; }

    /// <summary>Gets how many times the observables were seen, 1 to 999,999,999.</summary>
    [JsonPropertyName("number_observed")]
    public required int NumberObserved { get; init; }

    /// <summary>Gets the ids of the observed objects.</summary>
    [JsonPropertyName("object_refs")]
    public required IReadOnlyList<string> ObjectRefs { get; init; }
}
