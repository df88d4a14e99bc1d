using DistillGuard.Core.Storage;
using Npgsql;

namespace DistillGuard.Storage.PostgreSql;

// What the console keeps and reads: analysts' cases (one row per subject, replaced on each change) and per-hour activity.
public sealed partial class PostgreSqlServiceStore : ICaseStore, IActivityStore
{
    /// <summary>
    /// Creates <c>cases</c> when it does not exist: in a new database, and in one created before the console (the
    /// migration of schema version 1 to the console's table, run by <see cref="InitializeAsync"/>).
    /// </summary>
    internal const string CreateCases = """
        CREATE TABLE IF NOT EXISTS cases (
            account_id text NOT NULL,
            end_user_id text NOT NULL,
            status integer NOT NULL,
            claimed_by text,
            decided_by text,
            override_id bigint,
            label integer,
            note text,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (account_id, end_user_id)
        );
        """;

    private static readonly string UpsertCase = CaseRows.Upsert.Replace('$', '@');

    /// <inheritdoc />
    public async Task<CaseRecord> SaveCaseAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = record with { UpdatedAt = StoreConventions.Truncate(record.UpdatedAt) };
        await WriteAsync(
            (connection, token) => ExecuteAsync(
                connection,
                UpsertCase,
                token,
                [.. CaseRows.Parameters(stored, stored.UpdatedAt).Select(p => p.Value is DBNull
                    ? new NpgsqlParameter(p.Name, p.Name is "override_id" ? NpgsqlTypes.NpgsqlDbType.Bigint : p.Name is "label" ? NpgsqlTypes.NpgsqlDbType.Integer : NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value }
                    : new NpgsqlParameter(p.Name, p.Value))]),
            cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseRecord>> ListCasesAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _dataSource.CreateCommand(CaseRows.Select);
        await using (command.ConfigureAwait(false))
        {
            return await CaseRows.ReadAsync(command, (reader, ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HourlyActivity>> CountExchangesPerHourAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _dataSource.CreateCommand("""
            SELECT account_id, date_trunc('hour', occurred_at), COUNT(*) FROM exchanges
            WHERE account_id = ANY(@ids)
            GROUP BY 1, 2 ORDER BY 1, 2;
            """);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. accountIds]));
            var hours = new List<HourlyActivity>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    hours.Add(new HourlyActivity(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2)));
                }
            }

            return hours;
        }
    }
}
