using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>A TAXII status resource: the outcome of a submission of objects (TAXII 2.1 §4.3.1).</summary>
public sealed record TaxiiStatus
{
    /// <summary>The value of <see cref="Status"/> once every object was processed.</summary>
    public const string Complete = "complete";

    /// <summary>Gets the status id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Gets <c>complete</c> or <c>pending</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Gets how many objects were submitted.</summary>
    [JsonPropertyName("total_count")]
    public int TotalCount { get; init; }

    /// <summary>Gets how many were stored.</summary>
    [JsonPropertyName("success_count")]
    public int SuccessCount { get; init; }

    /// <summary>Gets how many were refused.</summary>
    [JsonPropertyName("failure_count")]
    public int FailureCount { get; init; }

    /// <summary>Gets how many are still pending.</summary>
    [JsonPropertyName("pending_count")]
    public int PendingCount { get; init; }

    /// <summary>Gets the refused objects, with the server's reasons.</summary>
    [JsonPropertyName("failures")]
    public IReadOnlyList<TaxiiStatusDetail>? Failures { get; init; }
}
