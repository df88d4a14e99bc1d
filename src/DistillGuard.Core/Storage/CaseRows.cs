using System.Data.Common;

namespace DistillGuard.Core.Storage;

/// <summary>
/// What the two stores share about the <c>cases</c> table: its statements (the same SQL in both dialects, with
/// <c>$name</c> parameters that PostgreSQL's adapter renames) and the row mapping. An account's own case has the
/// empty string as <c>end_user_id</c>, so the pair is the primary key in both databases.
/// </summary>
public static class CaseRows
{
    /// <summary>The query that reads every case, in the column order <see cref="ReadAsync"/> expects.</summary>
    public const string Select = """
        SELECT account_id, end_user_id, status, claimed_by, decided_by, override_id, label, note, updated_at
        FROM cases ORDER BY account_id, end_user_id;
        """;

    /// <summary>The statement that stores a case (parameters <c>account_id</c> to <c>updated_at</c>).</summary>
    public const string Upsert = """
        INSERT INTO cases (account_id, end_user_id, status, claimed_by, decided_by, override_id, label, note, updated_at)
        VALUES ($account_id, $end_user_id, $status, $claimed_by, $decided_by, $override_id, $label, $note, $updated_at)
        ON CONFLICT (account_id, end_user_id) DO UPDATE SET
            status = excluded.status, claimed_by = excluded.claimed_by, decided_by = excluded.decided_by,
            override_id = excluded.override_id, label = excluded.label, note = excluded.note, updated_at = excluded.updated_at;
        """;

    /// <summary>Gets the stored <c>end_user_id</c> of a case: the end user, or the empty string for the account's own.</summary>
    /// <param name="record">The case.</param>
    /// <returns>The column's value.</returns>
    public static string EndUserColumn(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.EndUserId ?? string.Empty;
    }

    /// <summary>Gets the parameters of <see cref="Upsert"/> for a case, by name without the <c>$</c>; null values are <see cref="DBNull"/>.</summary>
    /// <param name="record">The case, its time already truncated.</param>
    /// <param name="updatedAt">The <c>updated_at</c> value as the store holds instants.</param>
    /// <returns>The parameters.</returns>
    public static IReadOnlyList<(string Name, object Value)> Parameters(CaseRecord record, object updatedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        return
        [
            ("account_id", record.AccountId),
            ("end_user_id", EndUserColumn(record)),
            ("status", (int)record.Status),
            ("claimed_by", (object?)record.ClaimedBy ?? DBNull.Value),
            ("decided_by", (object?)record.DecidedBy ?? DBNull.Value),
            ("override_id", (object?)record.OverrideId ?? DBNull.Value),
            ("label", record.Label is { } label ? (int)label : DBNull.Value),
            ("note", (object?)record.Note ?? DBNull.Value),
            ("updated_at", updatedAt),
        ];
    }

    /// <summary>Runs <paramref name="command"/> (<see cref="Select"/>) and reads its rows as cases.</summary>
    /// <param name="command">The command, its text set; not disposed.</param>
    /// <param name="updatedAt">Reads the <c>updated_at</c> column at an ordinal, as the store holds instants.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The cases.</returns>
    public static async Task<IReadOnlyList<CaseRecord>> ReadAsync(DbCommand command, Func<DbDataReader, int, DateTimeOffset> updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(updatedAt);
        var cases = new List<CaseRecord>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var endUser = reader.GetString(1);
                cases.Add(new CaseRecord
                {
                    AccountId = reader.GetString(0),
                    EndUserId = endUser.Length == 0 ? null : endUser,
                    Status = StoreConventions.ToEnum<CaseStatus>(reader.GetInt32(2)),
                    ClaimedBy = reader.IsDBNull(3) ? null : reader.GetString(3),
                    DecidedBy = reader.IsDBNull(4) ? null : reader.GetString(4),
                    OverrideId = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    Label = reader.IsDBNull(6) ? null : StoreConventions.ToEnum<CaseLabel>(reader.GetInt32(6)),
                    Note = reader.IsDBNull(7) ? null : reader.GetString(7),
                    UpdatedAt = updatedAt(reader, 8),
                });
            }
        }

        return cases;
    }
}
