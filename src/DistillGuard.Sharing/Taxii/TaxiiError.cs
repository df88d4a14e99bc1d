using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>The TAXII 2.1 error message a server answers a failed request with (TAXII 2.1 §3.6.1).</summary>
public sealed record TaxiiError
{
    /// <summary>Gets the error's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>Gets the description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the server's error code.</summary>
    [JsonPropertyName("error_code")]
    public string? ErrorCode { get; init; }

    /// <summary>Gets the HTTP status, as text.</summary>
    [JsonPropertyName("http_status")]
    public string? HttpStatus { get; init; }
}
