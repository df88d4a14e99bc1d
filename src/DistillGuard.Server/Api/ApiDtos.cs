using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DistillGuard.Server.Api;

/// <summary>The answer to <c>POST /v1/exchanges</c>.</summary>
internal sealed class IngestResponse
{
    public long Accepted { get; set; }

    public long Duplicates { get; set; }

    public List<RejectedLineDto> Rejected { get; set; } = [];
}

/// <summary>One rejected line of an ingest body.</summary>
internal sealed class RejectedLineDto
{
    public long Line { get; set; }

    public string Reason { get; set; } = string.Empty;
}

/// <summary>The body of <c>POST /v1/decisions</c>.</summary>
internal sealed class DecisionRequestDto
{
    public string? AccountId { get; set; }

    public string? EndUserId { get; set; }

    public JsonObject? Request { get; set; }
}

/// <summary>The answer to <c>POST /v1/decisions</c>.</summary>
internal sealed class DecisionResponseDto
{
    public string Action { get; set; } = string.Empty;

    public IReadOnlyList<string> Reasons { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RetryAfterMs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Rewrite { get; set; }
}

/// <summary>The body of <c>POST /v1/overrides</c>.</summary>
internal sealed class OverrideRequestDto
{
    public string? AccountId { get; set; }

    public string? EndUserId { get; set; }

    public string? Action { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>A stored override.</summary>
internal sealed class OverrideDto
{
    public long Id { get; set; }

    public string AccountId { get; set; } = string.Empty;

    public string? EndUserId { get; set; }

    public string Action { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>The answer to <c>GET /v1/audit</c>.</summary>
internal sealed class AuditPageDto
{
    public List<AuditEntryDto> Entries { get; set; } = [];

    /// <summary>Gets or sets the <c>after</c> value for the next page, or null at the end.</summary>
    public long? Next { get; set; }
}

/// <summary>One audit entry.</summary>
internal sealed class AuditEntryDto
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string Target { get; set; } = string.Empty;

    public JsonNode? Detail { get; set; }
}

/// <summary>An API error: <c>{"error": {"code", "message"}}</c>.</summary>
internal sealed class ApiErrorDto
{
    public ApiErrorBody Error { get; set; } = new();
}

/// <summary>The body of <see cref="ApiErrorDto"/>.</summary>
internal sealed class ApiErrorBody
{
    public string Code { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;
}

/// <summary>The body of <c>POST /v1/keys</c>.</summary>
internal sealed class KeyCreateRequestDto
{
    public string? Name { get; set; }

    public string? Role { get; set; }
}

/// <summary>A stored API key as the key-admin API shows it: never the key, only the start of its hash.</summary>
internal class KeyDto
{
    public string KeyId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>Gets or sets where the key came from: <c>configured</c>, <c>generated</c> or <c>api</c>.</summary>
    public string Origin { get; set; } = string.Empty;

    /// <summary>Gets or sets the first 12 hex digits of the key's SHA-256 hash.</summary>
    public string HashPrefix { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The answer to <c>POST /v1/keys</c>: the new key, the only time it is shown.</summary>
internal sealed class KeyCreatedDto : KeyDto
{
    public string Key { get; set; } = string.Empty;
}

/// <summary>The answer to <c>GET /v1/keys</c>.</summary>
internal sealed class KeyListDto
{
    public List<KeyDto> Keys { get; set; } = [];
}
