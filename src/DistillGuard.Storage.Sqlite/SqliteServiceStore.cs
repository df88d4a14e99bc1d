using System.Globalization;
using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;
using Microsoft.Data.Sqlite;

namespace DistillGuard.Storage.Sqlite;

/// <summary>The embedded <see cref="IServiceStore"/>: one SQLite database file.</summary>
/// <remarks>
/// <para>
/// Durability: the database runs in WAL mode with <c>synchronous=FULL</c>, so the WAL is synced at every commit and an
/// accepted write survives the process being killed (or the machine losing power) once its task has completed.
/// </para>
/// <para>
/// Concurrency: every operation takes its own connection from Microsoft.Data.Sqlite's pool. Reads run in parallel
/// with each other and with writes (WAL readers see the last committed state). Writes in this process queue on a
/// <see cref="SemaphoreSlim"/> and each runs in a <c>BEGIN IMMEDIATE</c> transaction; a write from another process
/// waits up to <see cref="SqliteStoreOptions.BusyTimeout"/> for SQLite's write lock. Because writes are serialised,
/// sequence numbers are assigned and committed in the same order, so a reader that resumes after the last sequence it
/// saw never skips one.
/// </para>
/// <para>The schema is described in <see cref="SqliteSchema"/>.</para>
/// </remarks>
public sealed partial class SqliteServiceStore : IServiceStore
{
    /// <summary>
    /// Rows per INSERT statement when appending exchanges. Several rows a statement save the per-statement cost; but
    /// Microsoft.Data.Sqlite binds each named parameter by a lookup that scans the statement's parameters, so the cost
    /// of a statement grows with the square of its rows. Measured on 120,000 rows in batches of 5,000: 1 row 31k rows/s,
    /// 16 rows (prepared once per batch) 123k rows/s, 64 rows 68k rows/s.
    /// </summary>
    private const int AppendRowsPerStatement = 16;

    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly int _busyTimeoutMilliseconds;
    private readonly int _checkpointsToKeep;
    private readonly int _readBatchSize;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="SqliteServiceStore"/> class.</summary>
    /// <param name="options">The options; they are read once, here.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SqliteServiceStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataSource, nameof(options));
        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"{nameof(SqliteStoreOptions.BusyTimeout)} must be positive and under 24 days.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointsToKeep, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadBatchSize, 1, nameof(options));
        if (options.DataSource.Trim() == ":memory:")
        {
            throw new ArgumentException("An in-memory database is not supported; give a file path.", nameof(options));
        }

        _databasePath = Path.GetFullPath(options.DataSource);
        _busyTimeoutMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        _checkpointsToKeep = options.CheckpointsToKeep;
        _readBatchSize = options.ReadBatchSize;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // journal_mode is a property of the file and cannot change inside a transaction.
            var mode = await ScalarAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode for '{connection.DataSource}' (it is '{mode}').");
            }

            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var transaction = connection.BeginTransaction(deferred: false);
                await using (transaction.ConfigureAwait(false))
                {
                    var command = connection.CreateCommand();
                    await using (command.ConfigureAwait(false))
                    {
                        command.CommandText = SqliteSchema.Create;
                        command.Parameters.AddWithValue("$version", SqliteSchema.Version);
                        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                        if (version != SqliteSchema.Version)
                        {
                            throw new InvalidOperationException(
                                $"The database '{connection.DataSource}' has schema version {version}; this build reads version {SqliteSchema.Version}.");
                        }
                    }

                    // Added in place to databases written before keys had an origin (their keys are taken as configured).
                    if (Convert.ToInt64(await ScalarAsync(connection, SqliteSchema.HasApiKeyOrigin, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
                    {
                        await ExecuteAsync(connection, SqliteSchema.AddApiKeyOrigin, cancellationToken).ConfigureAwait(false);
                    }

                    await ExecuteAsync(connection, CreateCases, cancellationToken).ConfigureAwait(false);

                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> AppendExchangesAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        // A repeat of an earlier entry of the same call is a duplicate without asking the database.
        var first = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        var fresh = new List<int>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"Entry {i} is null.", nameof(entries));
            if (first.TryAdd(entry.ExchangeId, i))
            {
                fresh.Add(i);
            }
        }

        return await WriteAsync(
            async (connection, token) =>
            {
                var sequences = new long[entries.Count];
                SqliteCommand? full = null;
                try
                {
                    for (var offset = 0; offset < fresh.Count; offset += AppendRowsPerStatement)
                    {
                        var rows = Math.Min(AppendRowsPerStatement, fresh.Count - offset);

                        // Every full chunk reuses one prepared statement; only a last, shorter chunk needs its own.
                        SqliteCommand command;
                        if (rows == AppendRowsPerStatement)
                        {
                            command = full ??= CreateAppendCommand(connection, rows);
                        }
                        else
                        {
                            command = CreateAppendCommand(connection, rows);
                        }

                        try
                        {
                            for (var r = 0; r < rows; r++)
                            {
                                var entry = entries[fresh[offset + r]];
                                var parameters = command.Parameters;
                                parameters[(r * 6) + 0].Value = entry.ExchangeId;
                                parameters[(r * 6) + 1].Value = SqliteTime.ToUnixMicroseconds(entry.Timestamp);
                                parameters[(r * 6) + 2].Value = entry.AccountId;
                                parameters[(r * 6) + 3].Value = (object?)entry.EndUserId ?? DBNull.Value;
                                parameters[(r * 6) + 4].Value = entry.Payload;
                                parameters[(r * 6) + 5].Value = (object?)entry.PromptText ?? DBNull.Value;
                            }

                            var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                            await using (reader.ConfigureAwait(false))
                            {
                                while (await reader.ReadAsync(token).ConfigureAwait(false))
                                {
                                    sequences[first[reader.GetString(1)]] = reader.GetInt64(0);
                                }
                            }
                        }
                        finally
                        {
                            if (command != full)
                            {
                                await command.DisposeAsync().ConfigureAwait(false);
                            }
                        }
                    }
                }
                finally
                {
                    if (full is not null)
                    {
                        await full.DisposeAsync().ConfigureAwait(false);
                    }
                }

                return (IReadOnlyList<long>)sequences;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the statement that appends <paramref name="rows"/> exchanges. A row whose id is already stored selects
    /// nothing, so it inserts and returns nothing; not ON CONFLICT DO NOTHING, which with AUTOINCREMENT would still
    /// consume a sequence number. RETURNING gives rows in no promised order, so each comes back with its id.
    /// </summary>
    private static SqliteCommand CreateAppendCommand(SqliteConnection connection, int rows)
    {
        var command = connection.CreateCommand();
        var text = new System.Text.StringBuilder(
            "INSERT INTO exchanges (exchange_id, occurred_at, account_id, end_user_id, payload, prompt_text) SELECT v.column1, v.column2, v.column3, v.column4, v.column5, v.column6 FROM (VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < 6; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"$p{r}_{c}");
                text.Append(c == 0 ? string.Empty : ", ").Append(name);
                command.Parameters.Add(name, c switch { 1 => SqliteType.Integer, 4 => SqliteType.Blob, _ => SqliteType.Text });
            }

            text.Append(')');
        }

        text.Append(") AS v WHERE NOT EXISTS (SELECT 1 FROM exchanges e WHERE e.exchange_id = v.column1) RETURNING sequence, exchange_id;");
        command.CommandText = text.ToString();
        return command;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<JournalEntry> ReadExchangesAsync(long afterSequence, CancellationToken cancellationToken) =>
        StoreConventions.ReadJournalPagesAsync(afterSequence, _readBatchSize, ReadExchangePageAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<long> CountExchangesAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var count = await ScalarAsync(connection, "SELECT COUNT(*) FROM exchanges;", cancellationToken).ConfigureAwait(false);
            return Convert.ToInt64(count, CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public async Task SaveCheckpointAsync(EngineCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await WriteAsync(
            async (connection, token) =>
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = """
                        INSERT INTO checkpoints (sequence, created_at, data) VALUES ($sequence, $created_at, $data);
                        DELETE FROM checkpoints
                        WHERE id NOT IN (SELECT id FROM checkpoints ORDER BY sequence DESC, id DESC LIMIT $keep);
                        """;
                    command.Parameters.AddWithValue("$sequence", checkpoint.Sequence);
                    command.Parameters.AddWithValue("$created_at", SqliteTime.ToUnixMicroseconds(checkpoint.CreatedAt));
                    command.Parameters.Add("$data", SqliteType.Blob).Value = checkpoint.Data;
                    command.Parameters.AddWithValue("$keep", _checkpointsToKeep);
                    await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EngineCheckpoint?> LoadLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT sequence, created_at, data FROM checkpoints ORDER BY sequence DESC, id DESC LIMIT 1;";
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
                        CreatedAt = SqliteTime.FromUnixMicroseconds(reader.GetInt64(1)),
                        Data = (byte[])reader.GetValue(2),
                    };
                }
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
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = """
                        INSERT INTO overrides (account_id, end_user_id, action, reason, created_by, created_at, expires_at)
                        VALUES ($account_id, $end_user_id, $action, $reason, $created_by, $created_at, $expires_at)
                        RETURNING id;
                        """;
                    command.Parameters.AddWithValue("$account_id", stored.AccountId);
                    command.Parameters.AddWithValue("$end_user_id", (object?)stored.EndUserId ?? DBNull.Value);
                    command.Parameters.AddWithValue("$action", (int)stored.Action);
                    command.Parameters.AddWithValue("$reason", stored.Reason);
                    command.Parameters.AddWithValue("$created_by", stored.CreatedBy);
                    command.Parameters.AddWithValue("$created_at", SqliteTime.ToUnixMicroseconds(stored.CreatedAt));
                    command.Parameters.AddWithValue("$expires_at", SqliteTime.ToUnixMicroseconds(stored.ExpiresAt));
                    return (long)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return stored with { Id = id };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OverrideRecord>> ListActiveOverridesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = """
                    SELECT id, account_id, end_user_id, action, reason, created_by, created_at, expires_at
                    FROM overrides WHERE expires_at > $now ORDER BY id;
                    """;
                command.Parameters.AddWithValue("$now", SqliteTime.ToUnixMicroseconds(now));
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
                            CreatedAt = SqliteTime.FromUnixMicroseconds(reader.GetInt64(6)),
                            ExpiresAt = SqliteTime.FromUnixMicroseconds(reader.GetInt64(7)),
                        });
                    }
                }

                return overrides;
            }
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
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = """
                        INSERT INTO audit_log (at, actor, action, target, detail)
                        VALUES ($at, $actor, $action, $target, $detail)
                        RETURNING id;
                        """;
                    command.Parameters.AddWithValue("$at", SqliteTime.ToUnixMicroseconds(stored.At));
                    command.Parameters.AddWithValue("$actor", stored.Actor);
                    command.Parameters.AddWithValue("$action", stored.Action);
                    command.Parameters.AddWithValue("$target", stored.Target);
                    command.Parameters.AddWithValue("$detail", stored.Detail);
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
        if (limit == 0)
        {
            return [];
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT id, at, actor, action, target, detail FROM audit_log WHERE id > $after ORDER BY id LIMIT $limit;";
                command.Parameters.AddWithValue("$after", afterId);
                command.Parameters.AddWithValue("$limit", limit);
                var records = new List<AuditRecord>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        records.Add(new AuditRecord
                        {
                            Id = reader.GetInt64(0),
                            At = SqliteTime.FromUnixMicroseconds(reader.GetInt64(1)),
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
    }

    /// <inheritdoc />
    public async Task<bool> AddApiKeyAsync(ApiKeyRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await WriteAsync(
            (connection, token) => InsertApiKeyAsync(connection, record, token),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveApiKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return await WriteAsync(
            async (connection, token) =>
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "DELETE FROM api_keys WHERE key_id = $key_id;";
                    command.Parameters.AddWithValue("$key_id", keyId);
                    return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
                }
            },
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
                var changes = ApiKeyReplacement.Plan(await ReadApiKeysAsync(connection, token).ConfigureAwait(false), origins, keys);
                foreach (var key in changes.Removed)
                {
                    await ExecuteAsync(connection, "DELETE FROM api_keys WHERE key_id = $key_id;", token, ("$key_id", key.KeyId)).ConfigureAwait(false);
                }

                foreach (var key in changes.Added)
                {
                    await InsertApiKeyAsync(connection, key, token).ConfigureAwait(false);
                }

                foreach (var key in changes.Updated)
                {
                    await ExecuteAsync(
                        connection,
                        "UPDATE api_keys SET name = $name, role = $role, origin = $origin WHERE key_id = $key_id;",
                        token,
                        ("$key_id", key.KeyId),
                        ("$name", key.Name),
                        ("$role", (int)key.Role),
                        ("$origin", (int)key.Origin)).ConfigureAwait(false);
                }

                return changes;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadApiKeysAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The lock is the lock file <c>&lt;database&gt;.lock</c> beside the database, opened with <see cref="FileShare.None"/>
    /// (on Linux and macOS .NET takes it with <c>flock(LOCK_EX | LOCK_NB)</c>, on Windows it is a share-mode open), so
    /// the operating system releases it when the holder closes it or dies. The file itself stays; only the open counts.
    /// </remarks>
    public Task<IAsyncDisposable> AcquireWriterLockAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lockPath = _databasePath + ".lock";
        try
        {
            return Task.FromResult<IAsyncDisposable>(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new InvalidOperationException(
                $"The database '{_databasePath}' is in use by another DistillGuard process (it holds '{lockPath}'): stop that one first; two writers on one database lose acknowledged exchanges.",
                ex);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;

        // Close the pooled connections to this file so it can be moved or deleted once the store is gone.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<IReadOnlyList<ApiKeyRecord>> ReadApiKeysAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = StoreConventions.SelectApiKeys;
            return await StoreConventions.ReadApiKeysAsync(command, static (reader, i) => SqliteTime.FromUnixMicroseconds(reader.GetInt64(i)), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> InsertApiKeyAsync(SqliteConnection connection, ApiKeyRecord record, CancellationToken cancellationToken)
    {
        return await ExecuteAsync(
            connection,
            """
            INSERT INTO api_keys (key_id, name, role, secret_hash, created_at, origin)
            VALUES ($key_id, $name, $role, $secret_hash, $created_at, $origin)
            ON CONFLICT (key_id) DO NOTHING;
            """,
            cancellationToken,
            ("$key_id", record.KeyId),
            ("$name", record.Name),
            ("$role", (int)record.Role),
            ("$secret_hash", record.SecretHash),
            ("$created_at", SqliteTime.ToUnixMicroseconds(record.CreatedAt)),
            ("$origin", (int)record.Origin)).ConfigureAwait(false) == 1;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Both settings belong to the connection, not the file, so every (possibly pooled) connection sets them.
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = string.Create(
                    CultureInfo.InvariantCulture,
                    $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {_busyTimeoutMilliseconds};");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Queue before opening, so waiting writers do not each hold a connection.
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                // IMMEDIATE takes the write lock now, so the transaction never has to upgrade a read lock (which can fail
                // with SQLITE_BUSY at once instead of waiting).
                var transaction = connection.BeginTransaction(deferred: false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await write(connection, cancellationToken).ConfigureAwait(false);

                    // Past this point the write is committed whatever the token says: a half-cancelled commit would leave
                    // the caller unsure whether it happened.
                    cancellationToken.ThrowIfCancellationRequested();
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    return result;
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<IReadOnlyList<JournalEntry>> ReadExchangePageAsync(long afterSequence, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = """
                    SELECT sequence, exchange_id, occurred_at, account_id, end_user_id, payload, prompt_text
                    FROM exchanges WHERE sequence > $after ORDER BY sequence LIMIT $limit;
                    """;
                command.Parameters.AddWithValue("$after", afterSequence);
                command.Parameters.AddWithValue("$limit", _readBatchSize);
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
                            Timestamp = SqliteTime.FromUnixMicroseconds(reader.GetInt64(2)),
                            AccountId = reader.GetString(3),
                            EndUserId = reader.IsDBNull(4) ? null : reader.GetString(4),
                            Payload = (byte[])reader.GetValue(5),
                            PromptText = reader.IsDBNull(6) ? null : reader.GetString(6),
                        });
                    }
                }

                return page;
            }
        }
    }
}
