using DistillGuard.Core.Storage;

namespace DistillGuard.Storage.Sqlite;

// Analysts' cases (claims, decisions, outcome labels): one row per subject, replaced on each change.
public sealed partial class SqliteServiceStore : ICaseStore
{
    /// <summary>
    /// Creates <c>cases</c> when it does not exist: in a new database, and in one created before the console (the
    /// migration of schema version 1 to the console's table, run by <see cref="InitializeAsync"/>).
    /// </summary>
    internal const string CreateCases = """
        CREATE TABLE IF NOT EXISTS cases (
            account_id TEXT NOT NULL,
            end_user_id TEXT NOT NULL,
            status INTEGER NOT NULL,
            claimed_by TEXT,
            decided_by TEXT,
            override_id INTEGER,
            label INTEGER,
            note TEXT,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, end_user_id)
        ) STRICT;
        """;

    /// <inheritdoc />
    public async Task<CaseRecord> SaveCaseAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = record with { UpdatedAt = StoreConventions.Truncate(record.UpdatedAt) };
        await WriteAsync(
            (connection, token) => ExecuteAsync(
                connection,
                CaseRows.Upsert,
                token,
                [.. CaseRows.Parameters(stored, SqliteTime.ToUnixMicroseconds(stored.UpdatedAt)).Select(p => ("$" + p.Name, p.Value))]),
            cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseRecord>> ListCasesAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = CaseRows.Select;
                return await CaseRows.ReadAsync(command, (reader, ordinal) => SqliteTime.FromUnixMicroseconds(reader.GetInt64(ordinal)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
