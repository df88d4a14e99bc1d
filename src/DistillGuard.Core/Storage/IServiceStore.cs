namespace DistillGuard.Core.Storage;

/// <summary>
/// What the DistillGuard service keeps durably: the exchange journal, engine checkpoints, overrides, the audit log and
/// API keys. SQLite (the embedded default) and PostgreSQL implement it with the same behaviour.
/// </summary>
/// <remarks>
/// Implementations are safe to call from several threads at once. Every write is durable (committed) when its task
/// completes; the service answers a client only after that.
/// </remarks>
public interface IServiceStore : IAsyncDisposable
{
    /// <summary>Creates the schema if it does not exist (idempotent) and checks the store is reachable.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends exchanges in one transaction. An entry whose <see cref="JournalEntry.ExchangeId"/> is already stored, or
    /// repeats an earlier entry of the same call, is a duplicate and is not stored.
    /// </summary>
    /// <param name="entries">The entries, in order; their <see cref="JournalEntry.Sequence"/> is ignored.</param>
    /// <param name="cancellationToken">Stops the call (nothing is stored if it stops before the commit).</param>
    /// <returns>For each entry, the sequence number it was stored under, or 0 for a duplicate; increasing.</returns>
    Task<IReadOnlyList<long>> AppendExchangesAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken);

    /// <summary>Reads stored exchanges with a sequence greater than <paramref name="afterSequence"/>, in sequence order.</summary>
    /// <param name="afterSequence">The last sequence already seen (0 for all).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<JournalEntry> ReadExchangesAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>Counts stored exchanges.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The count.</returns>
    Task<long> CountExchangesAsync(CancellationToken cancellationToken);

    /// <summary>Saves a checkpoint; older checkpoints may be deleted once it is committed.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    Task SaveCheckpointAsync(EngineCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Loads the checkpoint with the highest sequence, or <see langword="null"/> when there is none.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The checkpoint.</returns>
    Task<EngineCheckpoint?> LoadLatestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Stores an override.</summary>
    /// <param name="record">The override; its <see cref="OverrideRecord.Id"/> is ignored.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The stored override with its id.</returns>
    Task<OverrideRecord> AddOverrideAsync(OverrideRecord record, CancellationToken cancellationToken);

    /// <summary>Lists the overrides that have not expired at <paramref name="now"/>, oldest first.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The overrides.</returns>
    Task<IReadOnlyList<OverrideRecord>> ListActiveOverridesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Appends an audit entry.</summary>
    /// <param name="record">The entry; its <see cref="AuditRecord.Id"/> is ignored.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The stored entry with its id.</returns>
    Task<AuditRecord> AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Reads audit entries with an id greater than <paramref name="afterId"/>, oldest first.</summary>
    /// <param name="afterId">The last id already seen (0 for the start).</param>
    /// <param name="limit">At most this many entries.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Stores an API key; returns false if a key with the same id exists.</summary>
    /// <param name="record">The key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>Whether it was stored.</returns>
    Task<bool> AddApiKeyAsync(ApiKeyRecord record, CancellationToken cancellationToken);

    /// <summary>Lists every stored API key.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The keys.</returns>
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken);

    /// <summary>Removes a stored API key.</summary>
    /// <param name="keyId">The key's id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>Whether a key with that id was stored (and is now removed).</returns>
    Task<bool> RemoveApiKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: removes every stored key whose <see cref="ApiKeyRecord.Origin"/> is one of
    /// <paramref name="origins"/> and whose id is not among <paramref name="keys"/>, then stores each of
    /// <paramref name="keys"/>: a new one is added, a stored one with the same id gets the given name, role and origin
    /// (its hash and creation time stay).
    /// </summary>
    /// <param name="origins">The origins whose keys <paramref name="keys"/> replace.</param>
    /// <param name="keys">The keys to store; their ids are distinct.</param>
    /// <param name="cancellationToken">Stops the call (nothing changes if it stops before the commit).</param>
    /// <returns>What changed.</returns>
    Task<ApiKeyChanges> ReplaceApiKeysAsync(IReadOnlyCollection<ApiKeyOrigin> origins, IReadOnlyList<ApiKeyRecord> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the store's single-writer lock, held until the returned handle is disposed or the process ends (the
    /// operating system or the database server drops it then, after a crash or <c>kill -9</c> too). A service takes it
    /// at start, so a second service on the same storage refuses to start instead of writing beside the first (two
    /// writers each replay only their own journal and checkpoint over each other's, losing acknowledged exchanges).
    /// </summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The handle that holds the lock.</returns>
    /// <exception cref="InvalidOperationException">Another holder has the lock; the message names the storage and the holder's lock.</exception>
    Task<IAsyncDisposable> AcquireWriterLockAsync(CancellationToken cancellationToken);
}
