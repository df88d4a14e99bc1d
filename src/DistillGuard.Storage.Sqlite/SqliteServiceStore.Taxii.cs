using System.Globalization;
using System.Text;
using DistillGuard.Core.Storage;
using Microsoft.Data.Sqlite;

namespace DistillGuard.Storage.Sqlite;

// The TAXII server's objects and status resources. date_added values come from taxii_clock, read and advanced inside
// the write transaction: writes are serialised (see the class remarks), so values are handed out and committed in the
// same order.
public sealed partial class SqliteServiceStore : ITaxiiStore
{
    private const string ObjectColumns = "collection_id, object_id, type, spec_version, version, version_text, date_added, tlp";

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
                var last = Convert.ToInt64(await ScalarAsync(connection, "SELECT last_added FROM taxii_clock WHERE id = 1;", token).ConfigureAwait(false), CultureInfo.InvariantCulture);
                var floor = SqliteTime.ToUnixMicroseconds(now);
                var outcomes = new TaxiiAddOutcomeRecord[objects.Count];
                for (var i = 0; i < objects.Count; i++)
                {
                    var item = objects[i];
                    long? version = item.Version is { } v ? SqliteTime.ToUnixMicroseconds(v) : null;
                    var existing = await FindTaxiiVersionAsync(connection, collectionId, item.ObjectId, version, token).ConfigureAwait(false);
                    if (existing is not null)
                    {
                        outcomes[i] = new TaxiiAddOutcomeRecord { Added = false, Stored = existing };
                        continue;
                    }

                    var dateAdded = Math.Max(floor, last + 1);
                    last = dateAdded;
                    var stored = StoreConventions.ToStoredTaxiiObject(collectionId, item, SqliteTime.FromUnixMicroseconds(dateAdded));
                    var command = connection.CreateCommand();
                    await using (command.ConfigureAwait(false))
                    {
                        command.CommandText = """
                            INSERT INTO taxii_objects (collection_id, object_id, version, version_text, type, spec_version, date_added, tlp, json)
                            VALUES ($collection_id, $object_id, $version, $version_text, $type, $spec_version, $date_added, $tlp, $json);
                            """;
                        command.Parameters.AddWithValue("$collection_id", collectionId);
                        command.Parameters.AddWithValue("$object_id", item.ObjectId);
                        command.Parameters.AddWithValue("$version", SqliteTime.ToUnixMicroseconds(stored.Version));
                        command.Parameters.AddWithValue("$version_text", (object?)stored.VersionText ?? DBNull.Value);
                        command.Parameters.AddWithValue("$type", item.Type);
                        command.Parameters.AddWithValue("$spec_version", item.SpecVersion);
                        command.Parameters.AddWithValue("$date_added", dateAdded);
                        command.Parameters.AddWithValue("$tlp", item.Tlp);
                        command.Parameters.AddWithValue("$json", item.Json);
                        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                    }

                    outcomes[i] = new TaxiiAddOutcomeRecord { Added = true, Stored = stored };
                }

                var advance = connection.CreateCommand();
                await using (advance.ConfigureAwait(false))
                {
                    advance.CommandText = "UPDATE taxii_clock SET last_added = $last WHERE id = 1;";
                    advance.Parameters.AddWithValue("$last", last);
                    await advance.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                return (IReadOnlyList<TaxiiAddOutcomeRecord>)outcomes;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaxiiObjectRecord>> QueryTaxiiObjectsAsync(TaxiiObjectQueryRecord query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                var sql = new StringBuilder();
                sql.Append(CultureInfo.InvariantCulture, $"""
                    WITH candidates AS (
                        SELECT {ObjectColumns}, {(query.IncludeJson ? "json" : "NULL AS json")},
                            ROW_NUMBER() OVER (PARTITION BY object_id ORDER BY version DESC) AS newest,
                            ROW_NUMBER() OVER (PARTITION BY object_id ORDER BY version) AS oldest
                        FROM taxii_objects
                        WHERE collection_id = $collection_id AND tlp <= $max_tlp
                    """);
                AppendIn(sql, command, "object_id", "id", query.ObjectIds);
                AppendIn(sql, command, "type", "type", query.Types);
                AppendIn(sql, command, "spec_version", "spec", query.SpecVersions);
                sql.Append(CultureInfo.InvariantCulture, $"""
                    )
                    SELECT {ObjectColumns}, json FROM candidates
                    WHERE date_added > $after AND ({Selection(query, command)})
                    ORDER BY date_added LIMIT $limit;
                    """);
                command.CommandText = sql.ToString();
                command.Parameters.AddWithValue("$collection_id", query.CollectionId);
                command.Parameters.AddWithValue("$max_tlp", query.MaxTlp);
                command.Parameters.AddWithValue("$after", query.AddedAfter is { } after ? SqliteTime.ToUnixMicroseconds(after) : long.MinValue);
                command.Parameters.AddWithValue("$limit", query.Limit);
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

        return await WriteAsync(
            async (connection, token) =>
            {
                var deleted = 0;
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "DELETE FROM taxii_objects WHERE collection_id = $collection_id AND object_id = $object_id AND version = $version;";
                    command.Parameters.AddWithValue("$collection_id", collectionId);
                    command.Parameters.AddWithValue("$object_id", objectId);
                    var version = command.Parameters.Add("$version", SqliteType.Integer);
                    foreach (var value in versions)
                    {
                        version.Value = SqliteTime.ToUnixMicroseconds(value);
                        deleted += await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                    }
                }

                return deleted;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveTaxiiStatusAsync(TaxiiStatusRecord status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        await WriteAsync(
            async (connection, token) =>
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "INSERT INTO taxii_status (id, api_root, owner, request_timestamp) VALUES ($id, $api_root, $owner, $request_timestamp);";
                    command.Parameters.AddWithValue("$id", status.Id);
                    command.Parameters.AddWithValue("$api_root", status.ApiRoot);
                    command.Parameters.AddWithValue("$owner", status.Owner);
                    command.Parameters.AddWithValue("$request_timestamp", SqliteTime.ToUnixMicroseconds(status.RequestTimestamp));
                    await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                var detail = connection.CreateCommand();
                await using (detail.ConfigureAwait(false))
                {
                    detail.CommandText = """
                        INSERT INTO taxii_status_details (status_id, ordinal, kind, object_id, version, message)
                        VALUES ($status_id, $ordinal, $kind, $object_id, $version, $message);
                        """;
                    detail.Parameters.AddWithValue("$status_id", status.Id);
                    var ordinal = detail.Parameters.Add("$ordinal", SqliteType.Integer);
                    var kind = detail.Parameters.Add("$kind", SqliteType.Integer);
                    var objectId = detail.Parameters.Add("$object_id", SqliteType.Text);
                    var version = detail.Parameters.Add("$version", SqliteType.Text);
                    var message = detail.Parameters.Add("$message", SqliteType.Text);
                    var next = 0;
                    foreach (var (detailKind, item) in StoreConventions.StatusDetailRows(status))
                    {
                        ordinal.Value = next++;
                        kind.Value = detailKind;
                        objectId.Value = item.ObjectId;
                        version.Value = item.Version;
                        message.Value = (object?)item.Message ?? DBNull.Value;
                        await detail.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                    }
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TaxiiStatusRecord?> FindTaxiiStatusAsync(string statusId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statusId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            TaxiiStatusRecord status;
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT api_root, owner, request_timestamp FROM taxii_status WHERE id = $id;";
                command.Parameters.AddWithValue("$id", statusId);
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
                        RequestTimestamp = SqliteTime.FromUnixMicroseconds(reader.GetInt64(2)),
                    };
                }
            }

            var details = connection.CreateCommand();
            await using (details.ConfigureAwait(false))
            {
                details.CommandText = "SELECT kind, object_id, version, message FROM taxii_status_details WHERE status_id = $id ORDER BY ordinal;";
                details.Parameters.AddWithValue("$id", statusId);
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
    }

    private static void AppendIn(StringBuilder sql, SqliteCommand command, string column, string prefix, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        sql.Append(CultureInfo.InvariantCulture, $" AND {column} IN (");
        for (var i = 0; i < values.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"${prefix}{i}");
            sql.Append(i == 0 ? name : ", " + name);
            command.Parameters.AddWithValue(name, values[i]);
        }

        sql.Append(')');
    }

    private static string Selection(TaxiiObjectQueryRecord query, SqliteCommand command)
    {
        if (query.AllVersions)
        {
            return "1 = 1";
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
            var names = new List<string>(query.Versions.Count);
            for (var i = 0; i < query.Versions.Count; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"$version{i}");
                names.Add(name);
                command.Parameters.AddWithValue(name, SqliteTime.ToUnixMicroseconds(query.Versions[i]));
            }

            terms.Add("version IN (" + string.Join(", ", names) + ")");
        }

        return terms.Count == 0 ? "1 = 0" : string.Join(" OR ", terms);
    }

    private static TaxiiObjectRecord ReadTaxiiObject(SqliteDataReader reader) => new()
    {
        CollectionId = reader.GetString(0),
        ObjectId = reader.GetString(1),
        Type = reader.GetString(2),
        SpecVersion = reader.GetString(3),
        Version = SqliteTime.FromUnixMicroseconds(reader.GetInt64(4)),
        VersionText = reader.IsDBNull(5) ? null : reader.GetString(5),
        DateAdded = SqliteTime.FromUnixMicroseconds(reader.GetInt64(6)),
        Tlp = reader.GetInt32(7),
        Json = reader.FieldCount > 8 && !reader.IsDBNull(8) ? reader.GetString(8) : null,
    };

    private static async Task<TaxiiObjectRecord?> FindTaxiiVersionAsync(SqliteConnection connection, string collectionId, string objectId, long? version, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            // An object without a version of its own (a cyber-observable) is the same object whenever its id is.
            command.CommandText = version is null
                ? $"SELECT {ObjectColumns} FROM taxii_objects WHERE collection_id = $collection_id AND object_id = $object_id ORDER BY version LIMIT 1;"
                : $"SELECT {ObjectColumns} FROM taxii_objects WHERE collection_id = $collection_id AND object_id = $object_id AND version = $version;";
            command.Parameters.AddWithValue("$collection_id", collectionId);
            command.Parameters.AddWithValue("$object_id", objectId);
            if (version is { } value)
            {
                command.Parameters.AddWithValue("$version", value);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTaxiiObject(reader) : null;
            }
        }
    }
}
