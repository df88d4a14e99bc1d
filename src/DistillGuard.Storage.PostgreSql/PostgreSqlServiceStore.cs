using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DistillGuard.Storage.PostgreSql;

/// <summary>The shared <see cref="IServiceStore"/>: a PostgreSQL database that several service instances can use.</summary>
/// <remarks>
/// <para>
/// Connections come from one <see cref="NpgsqlDataSource"/> (Npgsql's pool); every operation takes its own, so calls
/// from several threads run in parallel. A write's task completes after PostgreSQL has committed it.
/// </para>
/// <para>
/// Journal and audit appends take an <c>EXCLUSIVE</c> lock on their table (readers are not blocked) for the length of
/// the transaction. Identity values are handed out when rows are inserted but become visible at commit; without the
/// lock, two appenders could commit out of order and a reader resuming after the last sequence it saw would skip the
/// earlier one for good. The lock also makes the duplicate check exact, so a duplicate consumes no sequence number.
/// </para>
/// <para>The schema is described in <see cref="PostgreSqlSchema"/>; <see cref="InitializeAsync"/> is safe to run from
/// several processes at once.</para>
/// </remarks>
public sealed partial class PostgreSqlServiceStore : IServiceStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly int _checkpointsToKeep;
    private readonly int _readBatchSize;
    private readonly SemaphoreSlim _lockGate = new(1, 1);
    private NpgsqlConnection? _lockConnection;
    private int _lockBackend;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlServiceStore"/> class.</summary>
    /// <param name="options">The options; they are read once, here.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public PostgreSqlServiceStore(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointsToKeep, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadBatchSize, 1, nameof(options));
        _checkpointsToKeep = options.CheckpointsToKeep;
        _readBatchSize = options.ReadBatchSize;
        _connectionString = options.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The lock is a session-level advisory lock (<c>pg_try_advisory_lock</c>) keyed by <see cref="PostgreSqlSchema.WriterLockKey"/>
    /// and the store's schema, held on a connection of its own (outside the pool) for as long as the handle lives: the
    /// server releases it when that session ends, so a crashed holder's lock goes with its connection.
    /// <para>
    /// While the handle lives, every journal append checks, in its own transaction, that the lock's session still holds
    /// it (<c>pg_locks</c>). If that connection was cut (a network drop, a server restart, <c>pg_terminate_backend</c>),
    /// the append takes the lock again on a new connection before writing; if another process took it meanwhile, the
    /// append fails with <see cref="InvalidOperationException"/> and writes nothing, so two writers never both append.
    /// </para>
    /// </remarks>
    public async Task<IAsyncDisposable> AcquireWriterLockAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = await TakeWriterLockAsync(cancellationToken).ConfigureAwait(false);
        await _lockGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _lockConnection = connection;
            _lockBackend = connection.ProcessID;
        }
        finally
        {
            _lockGate.Release();
        }

        return new WriterLease(this, connection);
    }

    private async Task<NpgsqlConnection> TakeWriterLockAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key, hashtext(coalesce(current_schema(), ''))), coalesce(current_schema(), '');", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<int>("key", PostgreSqlSchema.WriterLockKey));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (!reader.GetBoolean(0))
                    {
                        throw new InvalidOperationException(
                            $"The database '{connection.Database}' (schema '{reader.GetString(1)}') on {connection.Host} is in use by another DistillGuard process (it holds the advisory lock {PostgreSqlSchema.WriterLockKey}): stop that one first; two writers on one store lose acknowledged exchanges.");
                    }
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await WriteAsync(
            async (connection, token) =>
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key);", token, new NpgsqlParameter<long>("key", PostgreSqlSchema.InitializeLockKey)).ConfigureAwait(false);
                await ExecuteAsync(connection, PostgreSqlSchema.Create, token).ConfigureAwait(false);
                await ExecuteAsync(connection, CreateCases, token).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    "INSERT INTO schema_version (id, version) VALUES (1, @version) ON CONFLICT (id) DO NOTHING;",
                    token,
                    new NpgsqlParameter<int>("version", PostgreSqlSchema.Version)).ConfigureAwait(false);

                var command = new NpgsqlCommand("SELECT version FROM schema_version WHERE id = 1;", connection);
                await using (command.ConfigureAwait(false))
                {
                    var version = (int)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
                    if (version != PostgreSqlSchema.Version)
                    {
                        throw new InvalidOperationException(
                            $"The database '{connection.Database}' on {connection.Host} has schema version {version}; this build reads version {PostgreSqlSchema.Version}.");
                    }
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> AppendExchangesAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        StoreConventions.ThrowIfAnyNull(entries, nameof(entries));

        return await WriteAsync(
            async (connection, token) =>
            {
                await ExecuteAsync(connection, "LOCK TABLE exchanges IN EXCLUSIVE MODE;", token).ConfigureAwait(false);
                await EnsureWriterLockAsync(connection, token).ConfigureAwait(false);
                var stored = await FindStoredExchangeIdsAsync(connection, entries, token).ConfigureAwait(false);

                // Which entries to insert: not stored, and not a repeat of an earlier entry of this batch.
                var sequences = new long[entries.Count];
                var inserted = new List<int>(entries.Count);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < entries.Count; i++)
                {
                    if (!stored.Contains(entries[i].ExchangeId) && seen.Add(entries[i].ExchangeId))
                    {
                        inserted.Add(i);
                    }
                }

                if (inserted.Count == 0)
                {
                    return (IReadOnlyList<long>)sequences;
                }

                // One statement per entry, sent together: identity values follow statement order, so they increase
                // along the batch.
                var batch = new NpgsqlBatch(connection);
                await using (batch.ConfigureAwait(false))
                {
                    foreach (var index in inserted)
                    {
                        var entry = entries[index];
                        var command = new NpgsqlBatchCommand("""
                            INSERT INTO exchanges (exchange_id, occurred_at, account_id, end_user_id, payload, prompt_text)
                            VALUES ($1, $2, $3, $4, $5, $6)
                            ON CONFLICT (exchange_id) DO NOTHING
                            RETURNING sequence;
                            """);
                        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ExchangeId });
                        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StoreConventions.Truncate(entry.Timestamp) });
                        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.AccountId });
                        command.Parameters.Add(NullableText(entry.EndUserId));
                        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.Payload });
                        command.Parameters.Add(NullableText(entry.PromptText));
                        batch.BatchCommands.Add(command);
                    }

                    var reader = await batch.ExecuteReaderAsync(token).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        foreach (var index in inserted)
                        {
                            // ON CONFLICT cannot fire under the table lock; if it did, the entry is a duplicate (0).
                            if (await reader.ReadAsync(token).ConfigureAwait(false))
                            {
                                sequences[index] = reader.GetInt64(0);
                            }

                            await reader.NextResultAsync(token).ConfigureAwait(false);
                        }
                    }
                }

                return (IReadOnlyList<long>)sequences;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<JournalEntry> ReadExchangesAsync(long afterSequence, CancellationToken cancellationToken) =>
        StoreConventions.ReadJournalPagesAsync(afterSequence, _readBatchSize, ReadExchangePageAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<long> CountExchangesAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _dataSource.CreateCommand("SELECT COUNT(*) FROM exchanges;");
        await using (command.ConfigureAwait(false))
        {
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <inheritdoc />
    public async Task SaveCheckpointAsync(EngineCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await WriteAsync(
            async (connection, token) =>
            {
                await ExecuteAsync(
                    connection,
                    "INSERT INTO checkpoints (sequence, created_at, data) VALUES (@sequence, @created_at, @data);",
                    token,
                    new NpgsqlParameter<long>("sequence", checkpoint.Sequence),
                    new NpgsqlParameter<DateTimeOffset>("created_at", StoreConventions.Truncate(checkpoint.CreatedAt)),
                    new NpgsqlParameter<byte[]>("data", checkpoint.Data)).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    "DELETE FROM checkpoints WHERE id NOT IN (SELECT id FROM checkpoints ORDER BY sequence DESC, id DESC LIMIT @keep);",
                    token,
                    new NpgsqlParameter<int>("keep", _checkpointsToKeep)).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EngineCheckpoint?> LoadLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _dataSource.CreateCommand("SELECT sequence, created_at, data FROM checkpoints ORDER BY sequence DESC, id DESC LIMIT 1;");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return new EngineCheckpoint
                {
                    Sequence = reader.GetInt64(0),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(1),
                    Data = reader.GetFieldValue<byte[]>(2),
                };
            }
        }
    }

    /// <inheritdoc />
    public async Task<OverrideRecord> AddOverrideAsync(OverrideRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = record with { CreatedAt = StoreConventions.Truncate(record.CreatedAt), ExpiresAt = StoreConventions.Truncate(record.ExpiresAt) };
        var id = await WriteAsync(
            async (connection, token) =>
            {
                var command = new NpgsqlCommand(
                    """
                    INSERT INTO overrides (account_id, end_user_id, action, reason, created_by, created_at, expires_at)
                    VALUES (@account_id, @end_user_id, @action, @reason, @created_by, @created_at, @expires_at)
                    RETURNING id;
                    """,
                    connection);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.Add(new NpgsqlParameter<string>("account_id", stored.AccountId));
                    command.Parameters.Add(NullableText(stored.EndUserId, "end_user_id"));
                    command.Parameters.Add(new NpgsqlParameter<int>("action", (int)stored.Action));
                    command.Parameters.Add(new NpgsqlParameter<string>("reason", stored.Reason));
                    command.Parameters.Add(new NpgsqlParameter<string>("created_by", stored.CreatedBy));
                    command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_at", stored.CreatedAt));
                    command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires_at", stored.ExpiresAt));
                    return (long)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return stored with { Id = id };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OverrideRecord>> ListActiveOverridesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _dataSource.CreateCommand("""
            SELECT id, account_id, end_user_id, action, reason, created_by, created_at, expires_at
            FROM overrides WHERE expires_at > @now ORDER BY id;
            """);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", StoreConventions.Truncate(now)));
            var overrides = new List<OverrideRecord>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    overrides.Add(new OverrideRecord
                    {
                        Id = reader.GetInt64(0),
                        AccountId = reader.GetString(1),
                        EndUserId = reader.IsDBNull(2) ? null : reader.GetString(2),
                        Action = StoreConventions.ToEnum<EnforcementAction>(reader.GetInt32(3)),
                        Reason = reader.GetString(4),
                        CreatedBy = reader.GetString(5),
                        CreatedAt = reader.GetFieldValue<DateTimeOffset>(6),
                        ExpiresAt = reader.GetFieldValue<DateTimeOffset>(7),
                    });
                }
            }

            return overrides;
        }
    }

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = record with { At = StoreConventions.Truncate(record.At) };
        var id = await WriteAsync(
            async (connection, token) =>
            {
                // Readers page the audit log by id, so ids must become visible in order (see the class remarks).
                await ExecuteAsync(connection, "LOCK TABLE audit_log IN EXCLUSIVE MODE;", token).ConfigureAwait(false);
                var command = new NpgsqlCommand(
                    """
                    INSERT INTO audit_log (at, actor, action, target, detail)
                    VALUES (@at, @actor, @action, @target, @detail)
                    RETURNING id;
                    """,
                    connection);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", stored.At));
                    command.Parameters.Add(new NpgsqlParameter<string>("actor", stored.Actor));
                    command.Parameters.Add(new NpgsqlParameter<string>("action", stored.Action));
                    command.Parameters.Add(new NpgsqlParameter<string>("target", stored.Target));
                    command.Parameters.Add(new NpgsqlParameter<string>("detail", stored.Detail));
                    return (long)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return stored with { Id = id };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (limit == 0)
        {
            return [];
        }

        var command = _dataSource.CreateCommand("SELECT id, at, actor, action, target, detail FROM audit_log WHERE id > @after ORDER BY id LIMIT @limit;");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("after", afterId));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            var records = new List<AuditRecord>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    records.Add(new AuditRecord
                    {
                        Id = reader.GetInt64(0),
                        At = reader.GetFieldValue<DateTimeOffset>(1),
                        Actor = reader.GetString(2),
                        Action = reader.GetString(3),
                        Target = reader.GetString(4),
                        Detail = reader.GetString(5),
                    });
                }
            }

            return records;
        }
    }

    /// <inheritdoc />
    public async Task<bool> AddApiKeyAsync(ApiKeyRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await WriteAsync((connection, token) => InsertApiKeyAsync(connection, record, token), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadApiKeysAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<bool> RemoveApiKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return await WriteAsync(
            async (connection, token) => await ExecuteAsync(
                connection,
                "DELETE FROM api_keys WHERE key_id = @key_id;",
                token,
                new NpgsqlParameter<string>("key_id", keyId)).ConfigureAwait(false) == 1,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ApiKeyChanges> ReplaceApiKeysAsync(IReadOnlyCollection<ApiKeyOrigin> origins, IReadOnlyList<ApiKeyRecord> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(keys);
        return await WriteAsync(
            async (connection, token) =>
            {
                // Two services starting at once replace in turn, each against what the other committed.
                await ExecuteAsync(connection, "LOCK TABLE api_keys IN EXCLUSIVE MODE;", token).ConfigureAwait(false);
                var changes = ApiKeyReplacement.Plan(await ReadApiKeysAsync(connection, token).ConfigureAwait(false), origins, keys);
                foreach (var key in changes.Removed)
                {
                    await ExecuteAsync(connection, "DELETE FROM api_keys WHERE key_id = @key_id;", token, new NpgsqlParameter<string>("key_id", key.KeyId)).ConfigureAwait(false);
                }

                foreach (var key in changes.Added)
                {
                    await InsertApiKeyAsync(connection, key, token).ConfigureAwait(false);
                }

                foreach (var key in changes.Updated)
                {
                    await ExecuteAsync(
                        connection,
                        "UPDATE api_keys SET name = @name, role = @role, origin = @origin WHERE key_id = @key_id;",
                        token,
                        new NpgsqlParameter<string>("key_id", key.KeyId),
                        new NpgsqlParameter<string>("name", key.Name),
                        new NpgsqlParameter<int>("role", (int)key.Role),
                        new NpgsqlParameter<int>("origin", (int)key.Origin)).ConfigureAwait(false);
                }

                return changes;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> InsertApiKeyAsync(NpgsqlConnection connection, ApiKeyRecord record, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            connection,
            """
            INSERT INTO api_keys (key_id, name, role, secret_hash, created_at, origin)
            VALUES (@key_id, @name, @role, @secret_hash, @created_at, @origin)
            ON CONFLICT (key_id) DO NOTHING;
            """,
            cancellationToken,
            new NpgsqlParameter<string>("key_id", record.KeyId),
            new NpgsqlParameter<string>("name", record.Name),
            new NpgsqlParameter<int>("role", (int)record.Role),
            new NpgsqlParameter<byte[]>("secret_hash", record.SecretHash),
            new NpgsqlParameter<DateTimeOffset>("created_at", StoreConventions.Truncate(record.CreatedAt)),
            new NpgsqlParameter<int>("origin", (int)record.Origin)).ConfigureAwait(false) == 1;

    private static async Task<IReadOnlyList<ApiKeyRecord>> ReadApiKeysAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(StoreConventions.SelectApiKeys, connection);
        await using (command.ConfigureAwait(false))
        {
            return await StoreConventions.ReadApiKeysAsync(command, static (reader, i) => reader.GetFieldValue<DateTimeOffset>(i), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _lockConnection, null) is { } held)
        {
            await held.DisposeAsync().ConfigureAwait(false);
        }

        _lockGate.Dispose();
    }

    private static NpgsqlParameter NullableText(string? value, string name = "") =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddRange(parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<HashSet<string>> FindStoredExchangeIdsAsync(NpgsqlConnection connection, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        var ids = new string[entries.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = entries[i].ExchangeId;
        }

        var stored = new HashSet<string>(StringComparer.Ordinal);
        var command = new NpgsqlCommand("SELECT exchange_id FROM exchanges WHERE exchange_id = ANY(@ids);", connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored.Add(reader.GetString(0));
                }
            }
        }

        return stored;
    }

    /// <summary>
    /// Inside a journal append: checks that this store's writer lock (if it took one) is still held by its session, and
    /// takes it again on a new connection if that session is gone; throws if another process holds it now.
    /// </summary>
    private async Task EnsureWriterLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _lockBackend) == 0)
        {
            return;
        }

        await _lockGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lockBackend == 0 || await HoldsWriterLockAsync(connection, _lockBackend, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // The lock's session ended: the lock went with it. Take it again, or refuse to write.
            NpgsqlConnection again;
            try
            {
                again = await TakeWriterLockAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException(
                    "This process lost the store's writer lock (its connection was cut) and another DistillGuard process holds it now: nothing was written; stop one of them.",
                    ex);
            }

            var lost = _lockConnection;
            _lockConnection = again;
            _lockBackend = again.ProcessID;
            if (lost is not null)
            {
                await lost.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lockGate.Release();
        }
    }

    private static async Task<bool> HoldsWriterLockAsync(NpgsqlConnection connection, int backend, CancellationToken cancellationToken)
    {
        // An advisory lock on two int4 keys is listed with classid = the first key and objsubid = 2.
        var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = @pid AND objsubid = 2 AND classid = @key::oid);",
            connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("pid", backend));
            command.Parameters.Add(new NpgsqlParameter<long>("key", PostgreSqlSchema.WriterLockKey));
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    private async ValueTask ReleaseWriterLockAsync(NpgsqlConnection taken)
    {
        if (_disposed)
        {
            // The store closed the lock's session when it was disposed.
            await taken.DisposeAsync().ConfigureAwait(false);
            return;
        }

        await _lockGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // The lease's connection, or the one that replaced it after a cut: closing the session releases the lock.
            var current = _lockConnection;
            _lockConnection = null;
            _lockBackend = 0;
            if (current is not null && !ReferenceEquals(current, taken))
            {
                await current.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lockGate.Release();
        }

        await taken.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The handle of the writer lock: disposing it closes the lock's session, which releases the lock.</summary>
    private sealed class WriterLease(PostgreSqlServiceStore store, NpgsqlConnection connection) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? store.ReleaseWriterLockAsync(connection) : ValueTask.CompletedTask;
    }

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await write(connection, cancellationToken).ConfigureAwait(false);

                // Past this point the write is committed whatever the token says: a half-cancelled commit would leave the
                // caller unsure whether it happened.
                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
        }
    }

    private async Task<IReadOnlyList<JournalEntry>> ReadExchangePageAsync(long afterSequence, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _dataSource.CreateCommand("""
            SELECT sequence, exchange_id, occurred_at, account_id, end_user_id, payload, prompt_text
            FROM exchanges WHERE sequence > @after ORDER BY sequence LIMIT @limit;
            """);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", _readBatchSize));
            var page = new List<JournalEntry>(Math.Min(_readBatchSize, 1024));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add(new JournalEntry
                    {
                        Sequence = reader.GetInt64(0),
                        ExchangeId = reader.GetString(1),
                        Timestamp = reader.GetFieldValue<DateTimeOffset>(2),
                        AccountId = reader.GetString(3),
                        EndUserId = reader.IsDBNull(4) ? null : reader.GetString(4),
                        Payload = reader.GetFieldValue<byte[]>(5),
                        PromptText = reader.IsDBNull(6) ? null : reader.GetString(6),
                    });
                }
            }

            return page;
        }
    }
}
