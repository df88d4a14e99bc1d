namespace DistillGuard.Core.Storage;

/// <summary>
/// The plan of <see cref="IServiceStore.ReplaceApiKeysAsync"/>, the same for every store: from the keys stored, which to
/// delete, insert and update. The stores run it inside their write transaction.
/// </summary>
public static class ApiKeyReplacement
{
    /// <summary>Plans the replacement.</summary>
    /// <param name="stored">The keys stored now.</param>
    /// <param name="origins">The origins whose keys <paramref name="keys"/> replace.</param>
    /// <param name="keys">The keys to store.</param>
    /// <returns>The changes to make: <see cref="ApiKeyChanges.Updated"/> holds the keys as they are to be stored.</returns>
    /// <exception cref="ArgumentException">Two of <paramref name="keys"/> have the same id.</exception>
    public static ApiKeyChanges Plan(IReadOnlyList<ApiKeyRecord> stored, IReadOnlyCollection<ApiKeyOrigin> origins, IReadOnlyList<ApiKeyRecord> keys)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = new Dictionary<string, ApiKeyRecord>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if (!wanted.TryAdd(key.KeyId, key))
            {
                throw new ArgumentException($"The key id {key.KeyId} is given twice.", nameof(keys));
            }
        }

        var byId = stored.ToDictionary(k => k.KeyId, StringComparer.Ordinal);
        var removed = stored.Where(k => origins.Contains(k.Origin) && !wanted.ContainsKey(k.KeyId)).ToList();
        var added = new List<ApiKeyRecord>();
        var updated = new List<ApiKeyRecord>();
        foreach (var key in keys)
        {
            if (!byId.TryGetValue(key.KeyId, out var current))
            {
                added.Add(key);
            }
            else if (current.Name != key.Name || current.Role != key.Role || current.Origin != key.Origin)
            {
                updated.Add(current with { Name = key.Name, Role = key.Role, Origin = key.Origin });
            }
        }

        return new ApiKeyChanges { Added = added, Updated = updated, Removed = removed };
    }
}
