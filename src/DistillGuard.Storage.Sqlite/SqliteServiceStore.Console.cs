using DistillGuard.Core.Storage;

namespace DistillGuard.Storage.Sqlite;

// What the console keeps and reads: analysts' cases (one row per subject, replaced on each change) and per-hour activity.
public sealed partial class SqliteServiceStore : ICaseStore, IActivityStore
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

    /// <inheritdoc />
    public async Task<IReadOnlyList<HourlyActivity>> CountExchangesPerHourAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                // One parameter per account (a campaign's members: far below SQLite's 32,766 parameters).
                var names = accountIds.Select((id, i) => "$id" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                command.CommandText = $"""
                    SELECT account_id, occurred_at / 3600000000, COUNT(*) FROM exchanges
                    WHERE account_id IN ({(names.Count == 0 ? "NULL" : string.Join(", ", names))})
                    GROUP BY 1, 2 ORDER BY 1, 2;
                    """;
                foreach (var (name, id) in names.Zip(accountIds))
                {
                    command.Parameters.AddWithValue(name, id);
                }

                var hours = new List<HourlyActivity>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        hours.Add(new HourlyActivity(reader.GetString(0), SqliteTime.FromUnixMicroseconds(reader.GetInt64(1) * 3_600_000_000), reader.GetInt64(2)));
                    }
                }

                return hours;
            }
        }
    }
}
