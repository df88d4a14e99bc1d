using System.Text;
using DistillGuard.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DistillGuard.Storage.PostgreSql;

// The TAXII server's objects and status resources. date_added values come from taxii_clock, whose row is locked
// (SELECT ... FOR UPDATE) for the length of the write transaction: a second writer waits for the first to commit and
// then reads its last value, so values are handed out and become visible in the same order.
public sealed partial class PostgreSqlServiceStore : ITaxiiStore
{
    private const string ObjectColumns = "collection_id, object_id, type, spec_version, version, version_text, date_added, tlp";

    private static readonly TimeSpan Microsecond = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond / 1000);

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaxiiAddOutcomeRecord>> AddTaxiiObjectsAsync(
        string collectionId,
        IReadOnlyList<TaxiiNewObjectRecord> objects,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionId);
        ArgumentNullException.ThrowIfNull(objects);
        if (objects.Count == 0)
        {
            return [];
        }

        StoreConventions.ThrowIfAnyNull(objects, nameof(objects));

        return await WriteAsync(
            async (connection, token) =>
            {
                DateTimeOffset last;
                var clock = new NpgsqlCommand("SELECT last_added FROM taxii_clock WHERE id = 1 FOR UPDATE;", connection);
                await using (clock.ConfigureAwait(false))
                {
                    var reader = await clock.ExecuteReaderAsync(token).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        await reader.ReadAsync(token).ConfigureAwait(false);
                        last = reader.GetFieldValue<DateTimeOffset>(0);
                    }
                }

                var floor = StoreConventions.Truncate(now);
                var outcomes = new TaxiiAddOutcomeRecord[objects.Count];
                for (var i = 0; i < objects.Count; i++)
                {
                    var item = objects[i];
                    DateTimeOffset? version = item.Version is { } v ? StoreConventions.Truncate(v) : null;
                    var existing = await FindTaxiiVersionAsync(connection, collectionId, item.ObjectId, version, token).ConfigureAwait(false);
                    if (existing is not null)
                    {
                        outcomes[i] = new TaxiiAddOutcomeRecord { Added = false, Stored = existing };
                        continue;
                    }

                    var dateAdded = floor > last + Microsecond ? floor : last + Microsecond;
                    last = dateAdded;
                    var stored = StoreConventions.ToStoredTaxiiObject(collectionId, item, dateAdded);
                    await ExecuteAsync(
                        connection,
                        """
                        INSERT INTO taxii_objects (collection_id, object_id, version, version_text, type, spec_version, date_added, tlp, json)
                        VALUES (@collection_id, @object_id, @version, @version_text, @type, @spec_version, @date_added, @tlp, @json);
                        """,
                        token,
                        new NpgsqlParameter<string>("collection_id", collectionId),
                        new NpgsqlParameter<string>("object_id", item.ObjectId),
                        new NpgsqlParameter<DateTimeOffset>("version", stored.Version),
                        NullableText(stored.VersionText, "version_text"),
                        new NpgsqlParameter<string>("type", item.Type),
                        new NpgsqlParameter<string>("spec_version", item.SpecVersion),
                        new NpgsqlParameter<DateTimeOffset>("date_added", dateAdded),
                        new NpgsqlParameter<int>("tlp", item.Tlp),
                        new NpgsqlParameter<string>("json", item.Json)).ConfigureAwait(false);
                    outcomes[i] = new TaxiiAddOutcomeRecord { Added = true, Stored = stored };
                }

                await ExecuteAsync(
                    connection,
                    "UPDATE taxii_clock SET last_added = @last WHERE id = 1;",
                    token,
                    new NpgsqlParameter<DateTimeOffset>("last", last)).ConfigureAwait(false);
                return (IReadOnlyList<TaxiiAddOutcomeRecord>)outcomes;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaxiiObjectRecord>> QueryTaxiiObjectsAsync(TaxiiObjectQueryRecord query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sql = new StringBuilder();
        sql.Append($"""
            WITH candidates AS (
                SELECT {ObjectColumns}, {(query.IncludeJson ? "json" : "NULL::text AS json")},
                    ROW_NUMBER() OVER (PARTITION BY object_id ORDER BY version DESC) AS newest,
                    ROW_NUMBER() OVER (PARTITION BY object_id ORDER BY version) AS oldest
                FROM taxii_objects
                WHERE collection_id = @collection_id AND tlp <= @max_tlp
            """);
        var command = _dataSource.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            AppendAny(sql, command, "object_id", "ids", query.ObjectIds);
            AppendAny(sql, command, "type", "types", query.Types);
            AppendAny(sql, command, "spec_version", "specs", query.SpecVersions);
            sql.Append($"""
                )
                SELECT {ObjectColumns}, json FROM candidates
                WHERE (@after::timestamptz IS NULL OR date_added > @after) AND ({Selection(query, command)})
                ORDER BY date_added LIMIT @limit;
                """);
            command.CommandText = sql.ToString();
            command.Parameters.Add(new NpgsqlParameter<string>("collection_id", query.CollectionId));
            command.Parameters.Add(new NpgsqlParameter<int>("max_tlp", query.MaxTlp));
            command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.TimestampTz)
            {
                Value = query.AddedAfter is { } after ? StoreConventions.Truncate(after) : DBNull.Value,
            });
            command.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit));
            var records = new List<TaxiiObjectRecord>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    records.Add(ReadTaxiiObject(reader));
                }
            }

            return records;
        }
    }

    /// <inheritdoc />
    public async Task<int> DeleteTaxiiObjectVersionsAsync(string collectionId, string objectId, IReadOnlyList<DateTimeOffset> versions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionId);
        ArgumentException.ThrowIfNullOrEmpty(objectId);
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            return 0;
        }

        var stored = versions.Select(StoreConventions.Truncate).ToArray();
        return await WriteAsync(
            (connection, token) => ExecuteAsync(
                connection,
                "DELETE FROM taxii_objects WHERE collection_id = @collection_id AND object_id = @object_id AND version = ANY(@versions);",
                token,
                new NpgsqlParameter<string>("collection_id", collectionId),
                new NpgsqlParameter<string>("object_id", objectId),
                new NpgsqlParameter<DateTimeOffset[]>("versions", stored)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveTaxiiStatusAsync(TaxiiStatusRecord status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        await WriteAsync(
            async (connection, token) =>
            {
                await ExecuteAsync(
                    connection,
                    "INSERT INTO taxii_status (id, api_root, owner, request_timestamp) VALUES (@id, @api_root, @owner, @request_timestamp);",
                    token,
                    new NpgsqlParameter<string>("id", status.Id),
                    new NpgsqlParameter<string>("api_root", status.ApiRoot),
                    new NpgsqlParameter<string>("owner", status.Owner),
                    new NpgsqlParameter<DateTimeOffset>("request_timestamp", StoreConventions.Truncate(status.RequestTimestamp))).ConfigureAwait(false);
                var details = StoreConventions.StatusDetailRows(status).ToList();
                if (details.Count > 0)
                {
                    // One statement for every detail, not a round trip each: a submission can carry many objects.
                    await ExecuteAsync(
                        connection,
                        """
                        INSERT INTO taxii_status_details (status_id, ordinal, kind, object_id, version, message)
                        SELECT @status_id, d.ordinal - 1, d.kind, d.object_id, d.version, d.message
                        FROM unnest(@kinds, @object_ids, @versions, @messages) WITH ORDINALITY AS d (kind, object_id, version, message, ordinal);
                        """,
                        token,
                        new NpgsqlParameter<string>("status_id", status.Id),
                        new NpgsqlParameter<int[]>("kinds", [.. details.Select(d => d.Kind)]),
                        new NpgsqlParameter<string[]>("object_ids", [.. details.Select(d => d.Detail.ObjectId)]),
                        new NpgsqlParameter<string[]>("versions", [.. details.Select(d => d.Detail.Version)]),
                        new NpgsqlParameter<string?[]>("messages", [.. details.Select(d => d.Detail.Message)])).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TaxiiStatusRecord?> FindTaxiiStatusAsync(string statusId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statusId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        TaxiiStatusRecord status;
        var command = _dataSource.CreateCommand("SELECT api_root, owner, request_timestamp FROM taxii_status WHERE id = @id;");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("id", statusId));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                status = new TaxiiStatusRecord
                {
                    Id = statusId,
                    ApiRoot = reader.GetString(0),
                    Owner = reader.GetString(1),
                    RequestTimestamp = reader.GetFieldValue<DateTimeOffset>(2),
                };
            }
        }

        var details = _dataSource.CreateCommand("SELECT kind, object_id, version, message FROM taxii_status_details WHERE status_id = @id ORDER BY ordinal;");
        await using (details.ConfigureAwait(false))
        {
            details.Parameters.Add(new NpgsqlParameter<string>("id", statusId));
            var rows = new List<(int Kind, TaxiiStatusDetailRecord Detail)>();
            var reader = await details.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetInt32(0), new TaxiiStatusDetailRecord
                    {
                        ObjectId = reader.GetString(1),
                        Version = reader.GetString(2),
                        Message = reader.IsDBNull(3) ? null : reader.GetString(3),
                    }));
                }
            }

            return StoreConventions.WithStatusDetails(status, rows);
        }
    }

    private static void AppendAny(StringBuilder sql, NpgsqlCommand command, string column, string parameter, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        sql.Append(" AND ").Append(column).Append(" = ANY(@").Append(parameter).Append(')');
        command.Parameters.Add(new NpgsqlParameter<string[]>(parameter, [.. values]));
    }

    private static string Selection(TaxiiObjectQueryRecord query, NpgsqlCommand command)
    {
        if (query.AllVersions)
        {
            return "TRUE";
        }

        var terms = new List<string>();
        if (query.FirstVersion)
        {
            terms.Add("oldest = 1");
        }

        if (query.LastVersion)
        {
            terms.Add("newest = 1");
        }

        if (query.Versions.Count > 0)
        {
            terms.Add("version = ANY(@versions)");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("versions", [.. query.Versions.Select(StoreConventions.Truncate)]));
        }

        return terms.Count == 0 ? "FALSE" : string.Join(" OR ", terms);
    }

    private static TaxiiObjectRecord ReadTaxiiObject(NpgsqlDataReader reader) => new()
    {
        CollectionId = reader.GetString(0),
        ObjectId = reader.GetString(1),
        Type = reader.GetString(2),
        SpecVersion = reader.GetString(3),
        Version = reader.GetFieldValue<DateTimeOffset>(4),
        VersionText = reader.IsDBNull(5) ? null : reader.GetString(5),
        DateAdded = reader.GetFieldValue<DateTimeOffset>(6),
        Tlp = reader.GetInt32(7),
        Json = reader.FieldCount > 8 && !reader.IsDBNull(8) ? reader.GetString(8) : null,
    };

    private static async Task<TaxiiObjectRecord?> FindTaxiiVersionAsync(NpgsqlConnection connection, string collectionId, string objectId, DateTimeOffset? version, CancellationToken cancellationToken)
    {
        // An object without a version of its own (a cyber-observable) is the same object whenever its id is.
        var command = new NpgsqlCommand(
            version is null
                ? $"SELECT {ObjectColumns} FROM taxii_objects WHERE collection_id = @collection_id AND object_id = @object_id ORDER BY version LIMIT 1;"
                : $"SELECT {ObjectColumns} FROM taxii_objects WHERE collection_id = @collection_id AND object_id = @object_id AND version = @version;",
            connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("collection_id", collectionId));
            command.Parameters.Add(new NpgsqlParameter<string>("object_id", objectId));
            if (version is { } value)
            {
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("version", value));
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTaxiiObject(reader) : null;
            }
        }
    }
}
