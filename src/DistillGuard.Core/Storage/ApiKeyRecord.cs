namespace DistillGuard.Core.Storage;

/// <summary>A stored API key: its public id, name and role, and a hash of its secret (never the secret).</summary>
public sealed record ApiKeyRecord
{
    /// <summary>Gets the key's public id (the part of the key before its secret), unique.</summary>
    public required string KeyId { get; init; }

    /// <summary>Gets the key's display name, used as the actor in the audit log.</summary>
    public required string Name { get; init; }

    /// <summary>Gets what the key may do.</summary>
    public required ApiKeyRole Role { get; init; }

    /// <summary>Gets the SHA-256 hash of the key's secret.</summary>
    public required byte[] SecretHash { get; init; }

    /// <summary>Gets when the key was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets where the key came from.</summary>
    /// <value><see cref="ApiKeyOrigin.Configured"/> unless given (also for keys stored before origins were recorded).</value>
    public ApiKeyOrigin Origin { get; init; } = ApiKeyOrigin.Configured;
}
