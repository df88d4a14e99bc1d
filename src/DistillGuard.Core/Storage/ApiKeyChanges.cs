namespace DistillGuard.Core.Storage;

/// <summary>What <see cref="IServiceStore.ReplaceApiKeysAsync"/> changed.</summary>
public sealed record ApiKeyChanges
{
    /// <summary>Gets the keys that were not stored and now are.</summary>
    public required IReadOnlyList<ApiKeyRecord> Added { get; init; }

    /// <summary>Gets the stored keys whose name, role or origin changed, as they are now.</summary>
    public required IReadOnlyList<ApiKeyRecord> Updated { get; init; }

    /// <summary>Gets the keys that were removed, as they were.</summary>
    public required IReadOnlyList<ApiKeyRecord> Removed { get; init; }
}
