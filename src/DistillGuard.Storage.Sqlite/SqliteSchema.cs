namespace DistillGuard.Storage.Sqlite;

/// <summary>The SQLite schema, version <see cref="Version"/>.</summary>
/// <remarks>
/// <para>
/// Instants are INTEGER microseconds since the Unix epoch, UTC (<see cref="SqliteTime"/>). Enums
/// (<c>overrides.action</c>, <c>api_keys.role</c>, <c>api_keys.origin</c>) are their declared numeric values, which the enums fix explicitly
/// and document as stable. Sequences and ids come from <c>AUTOINCREMENT</c>, so a number is never handed out twice,
/// even after rows are deleted; a rolled-back insert consumes none (a conflicting one would, so duplicate exchanges are
/// filtered out before the insert).
/// </para>
/// <para>
/// The TAXII tables (<c>taxii_*</c>) hold the objects of the TAXII server's collections; <c>taxii_clock</c> holds the
/// last <c>date_added</c> handed out, so the next one is greater even after the version that had it was deleted.
/// </para>
/// <para>Tables are <c>STRICT</c> so a value of the wrong type is an error rather than a silent conversion.</para>
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>Whether <c>api_keys</c> has its <c>origin</c> column (1) or was created before it (0).</summary>
    public const string HasApiKeyOrigin = "SELECT COUNT(*) FROM pragma_table_info('api_keys') WHERE name = 'origin';";

    /// <summary>Adds <c>api_keys.origin</c> to a database created before it: its keys are taken as configured (0).</summary>
    public const string AddApiKeyOrigin = "ALTER TABLE api_keys ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;";

    /// <summary>Creates every table that does not exist yet and records the version when the store is new.</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS schema_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE IF NOT EXISTS exchanges (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            exchange_id TEXT NOT NULL UNIQUE,
            occurred_at INTEGER NOT NULL,
            account_id TEXT NOT NULL,
            end_user_id TEXT,
            payload BLOB NOT NULL,
            prompt_text TEXT
        ) STRICT;

        CREATE TABLE IF NOT EXISTS checkpoints (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sequence INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            data BLOB NOT NULL
        ) STRICT;

        CREATE TABLE IF NOT EXISTS overrides (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id TEXT NOT NULL,
            end_user_id TEXT,
            action INTEGER NOT NULL,
            reason TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;

        CREATE INDEX IF NOT EXISTS overrides_expires_at ON overrides (expires_at);

        CREATE TABLE IF NOT EXISTS audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT NOT NULL
        ) STRICT;

        CREATE TABLE IF NOT EXISTS api_keys (
            key_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role INTEGER NOT NULL,
            secret_hash BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            origin INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        CREATE TABLE IF NOT EXISTS taxii_clock (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_added INTEGER NOT NULL
        ) STRICT;

        INSERT INTO taxii_clock (id, last_added) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

        CREATE TABLE IF NOT EXISTS taxii_objects (
            collection_id TEXT NOT NULL,
            object_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            version_text TEXT,
            type TEXT NOT NULL,
            spec_version TEXT NOT NULL,
            date_added INTEGER NOT NULL UNIQUE,
            tlp INTEGER NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (collection_id, object_id, version)
        ) STRICT;

        CREATE INDEX IF NOT EXISTS taxii_objects_collection_date_added ON taxii_objects (collection_id, date_added);

        CREATE TABLE IF NOT EXISTS taxii_status (
            id TEXT PRIMARY KEY,
            api_root TEXT NOT NULL,
            owner TEXT NOT NULL,
            request_timestamp INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE IF NOT EXISTS taxii_status_details (
            status_id TEXT NOT NULL REFERENCES taxii_status (id),
            ordinal INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            object_id TEXT NOT NULL,
            version TEXT NOT NULL,
            message TEXT,
            PRIMARY KEY (status_id, ordinal)
        ) STRICT;

        INSERT INTO schema_version (id, version) VALUES (1, $version) ON CONFLICT (id) DO NOTHING;

        SELECT version FROM schema_version WHERE id = 1;
        """;
}
