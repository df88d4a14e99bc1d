using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>A STIX <c>indicator</c>: a pattern that detects the activity (STIX 2.1 §4.7).</summary>
public sealed record StixIndicator : StixCommonObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = "indicator";

    /// <summary>The pattern language of STIX patterns.</summary>
    public const string StixPatternType = "stix";

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the indicator's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Gets a description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the kinds of indicator (open vocabulary <c>indicator-type-ov</c>, for example <c>malicious-activity</c>).</summary>
    [JsonPropertyName("indicator_types")]
    public IReadOnlyList<string>? IndicatorTypes { get; init; }

    /// <summary>Gets the detection pattern, for example <c>[x-llm-client-fingerprint:value = '…']</c>.</summary>
    [JsonPropertyName("pattern")]
    public required string Pattern { get; init; }

    /// <summary>Gets the pattern language.</summary>
    /// <value>Defaults to <c>stix</c>.</value>
    [JsonPropertyName("pattern_type")]
    public string PatternType { get; init; } = StixPatternType;

    /// <summary>Gets the version of the pattern language.</summary>
    [JsonPropertyName("pattern_version")]
    public string? PatternVersion { get; init; }

    /// <summary>Gets when the indicator becomes valid.</summary>
    [JsonPropertyName("valid_from")]
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>Gets when the indicator stops being valid.</summary>
    [JsonPropertyName("valid_until")]
    public DateTimeOffset? ValidUntil { get; init; }
}
