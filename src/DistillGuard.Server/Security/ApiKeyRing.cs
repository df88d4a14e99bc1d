using System.Collections.Frozen;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Security;

/// <summary>The keys the service accepts, looked up by the hash of the presented key.</summary>
internal sealed class ApiKeyRing(IServiceStore store)
{
    private FrozenDictionary<string, ApiKeyRecord> _byHash = FrozenDictionary<string, ApiKeyRecord>.Empty;

    /// <summary>Gets how many keys there are.</summary>
    public int Count => _byHash.Count;

    /// <summary>Loads the stored keys.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var keys = await store.ListApiKeysAsync(cancellationToken).ConfigureAwait(false);
        _byHash = keys.ToFrozenDictionary(k => Convert.ToHexStringLower(k.SecretHash), StringComparer.Ordinal);
    }

    /// <summary>Stores a key (if new) and accepts it from now on; returns false if it was already stored.</summary>
    public async Task<bool> AddAsync(ApiKeyRecord record, CancellationToken cancellationToken)
    {
        var added = await store.AddApiKeyAsync(record, cancellationToken).ConfigureAwait(false);
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <summary>Finds the key a bearer token is, or null.</summary>
    public ApiKeyRecord? Find(string presented) =>
        _byHash.GetValueOrDefault(Convert.ToHexStringLower(ApiKeys.Hash(presented)));
}
