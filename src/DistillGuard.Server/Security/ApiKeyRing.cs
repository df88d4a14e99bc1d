using System.Collections.Frozen;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Security;

/// <summary>
/// The keys the service accepts, looked up by the hash of the presented key, and the key-admin operations on them
/// (create, revoke), which take effect at once: the ring is reloaded from the store after every change.
/// </summary>
internal sealed class ApiKeyRing(IServiceStore store, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _changes = new(1, 1);
    private FrozenDictionary<string, ApiKeyRecord> _byHash = FrozenDictionary<string, ApiKeyRecord>.Empty;

    /// <summary>What <see cref="RevokeAsync"/> did.</summary>
    public enum Revocation
    {
        /// <summary>The key was removed and no longer works.</summary>
        Revoked,

        /// <summary>No key has that id.</summary>
        NotFound,

        /// <summary>The key comes from the configuration, which would bring it back at the next start.</summary>
        Configured,

        /// <summary>The key is the last admin key.</summary>
        LastAdmin,
    }

    /// <summary>Gets how many keys there are.</summary>
    public int Count => _byHash.Count;

    /// <summary>Gets every key, oldest first.</summary>
    public IReadOnlyList<ApiKeyRecord> Keys => [.. _byHash.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)];

    /// <summary>Loads the stored keys.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var keys = await store.ListApiKeysAsync(cancellationToken).ConfigureAwait(false);
        _byHash = keys.ToFrozenDictionary(k => Convert.ToHexStringLower(k.SecretHash), StringComparer.Ordinal);
    }

    /// <summary>Stores a key (if new) and accepts it from now on; returns false if it was already stored.</summary>
    public async Task<bool> AddAsync(ApiKeyRecord record, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var added = await store.AddApiKeyAsync(record, cancellationToken).ConfigureAwait(false);
            await LoadAsync(CancellationToken.None).ConfigureAwait(false);
            return added;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Creates a key of origin <see cref="ApiKeyOrigin.Api"/>; null when a key already has the name.</summary>
    /// <returns>The stored key and the key itself (to be shown once, never stored).</returns>
    public async Task<(ApiKeyRecord Record, string Key)?> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            if (_byHash.Values.Any(k => k.Name == name))
            {
                return null;
            }

            var key = ApiKeys.Generate();
            var hash = ApiKeys.Hash(key);
            var record = new ApiKeyRecord
            {
                KeyId = ApiKeys.IdOf(hash), Name = name, Role = role, SecretHash = hash, CreatedAt = time.GetUtcNow(), Origin = ApiKeyOrigin.Api,
            };
            await store.AddApiKeyAsync(record, CancellationToken.None).ConfigureAwait(false);
            await LoadAsync(CancellationToken.None).ConfigureAwait(false);
            return (record, key);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Revokes a key created through the API or generated at a start; a configured key is revoked by removing it from the configuration.</summary>
    public async Task<(Revocation Outcome, ApiKeyRecord? Record)> RevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            var record = _byHash.Values.FirstOrDefault(k => k.KeyId == keyId);
            if (record is null)
            {
                return (Revocation.NotFound, null);
            }

            if (record.Origin == ApiKeyOrigin.Configured)
            {
                return (Revocation.Configured, record);
            }

            if (record.Role == ApiKeyRole.Admin && _byHash.Values.Count(k => k.Role == ApiKeyRole.Admin) == 1)
            {
                return (Revocation.LastAdmin, record);
            }

            await store.RemoveApiKeyAsync(keyId, CancellationToken.None).ConfigureAwait(false);
            await LoadAsync(CancellationToken.None).ConfigureAwait(false);
            return (Revocation.Revoked, record);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Finds the key a bearer token is, or null.</summary>
    public ApiKeyRecord? Find(string presented) =>
        _byHash.GetValueOrDefault(Convert.ToHexStringLower(ApiKeys.Hash(presented)));

    public void Dispose() => _changes.Dispose();
}
