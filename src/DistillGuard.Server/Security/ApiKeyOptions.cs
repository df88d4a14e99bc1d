using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Security;

/// <summary>A key configured for the service: its name, role, and either the key or its SHA-256 hash.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Gets or sets the key's name (the actor in the audit log).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the key's role.</summary>
    public ApiKeyRole Role { get; set; } = ApiKeyRole.Ingest;

    /// <summary>Gets or sets the key itself (hashed at start, never stored), or null when <see cref="Sha256"/> is given.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets the key's SHA-256 hash in hex, or null when <see cref="Key"/> is given.</summary>
    public string? Sha256 { get; set; }

    /// <summary>Gets the key's SHA-256 hash in lower-case hex, or null when neither <see cref="Key"/> nor <see cref="Sha256"/> is given.</summary>
    internal string? HashHex() =>
        Key is { } key ? Convert.ToHexStringLower(ApiKeys.Hash(key)) : Sha256?.ToLowerInvariant();
}
