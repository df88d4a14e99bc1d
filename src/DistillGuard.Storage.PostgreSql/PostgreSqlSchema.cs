namespace DistillGuard.Storage.PostgreSql;

/// <summary>The PostgreSQL schema, version <see cref="Version"/>.</summary>
/// <remarks>
/// Instants are <c>timestamptz</c> (microseconds, UTC). Enums (<c>overrides.action</c>, <c>api_keys.role</c>, <c>api_keys.origin</c>) are their
/// declared numeric values, which the enums fix explicitly and document as stable. Sequences and ids are identity
/// columns: increasing, but a rolled-back insert consumes its numbers, so they may have gaps. The TAXII tables
/// (<c>taxii_*</c>) hold the objects of the TAXII server's collections; <c>taxii_clock</c> holds the last
/// <c>date_added</c> handed out, and its row lock serialises the writers that hand out the next ones.
/// </remarks>
internal static class PostgreSqlSchema
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>
    /// The key of the transaction-level advisory lock that serialises schema creation, so two processes starting at
    /// once do not race on <c>CREATE TABLE IF NOT EXISTS</c> (which is not safe against a concurrent create).
    /// </summary>
    public const long InitializeLockKey = 0x4469_7374_696C_6C47; // "DistillG"

    /// <summary>
    /// The first key of the session-level advisory lock a service holds for its life (the second is the hash of the
    /// schema), so one writer at a time uses a store.
    /// </summary>
    public const int WriterLockKey = 0x4447_5752; // "DGWR"

    /// <summary>Creates every table that does not exist yet.</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS schema_version (
            id integer PRIMARY KEY CHECK (id = 1),
            version integer NOT NULL
        );

        CREATE TABLE IF NOT EXISTS exchanges (
            sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            exchange_id text NOT NULL UNIQUE,
            occurred_at timestamptz NOT NULL,
            account_id text NOT NULL,
            end_user_id text,
            payload bytea NOT NULL,
            prompt_text text
        );

        CREATE TABLE IF NOT EXISTS checkpoints (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            sequence bigint NOT NULL,
            created_at timestamptz NOT NULL,
            data bytea NOT NULL
        );

        CREATE TABLE IF NOT EXISTS overrides (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            account_id text NOT NULL,
            end_user_id text,
            action integer NOT NULL,
            reason text NOT NULL,
            created_by text NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL
        );

        CREATE INDEX IF NOT EXISTS overrides_expires_at ON overrides (expires_at);

        CREATE TABLE IF NOT EXISTS audit_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            target text NOT NULL,
            detail text NOT NULL
        );

        CREATE TABLE IF NOT EXISTS api_keys (
            key_id text PRIMARY KEY,
            name text NOT NULL,
            role integer NOT NULL,
            secret_hash bytea NOT NULL,
            created_at timestamptz NOT NULL,
            origin integer NOT NULL DEFAULT 0
        );

        -- Added in place to databases created before keys had an origin (their keys are taken as configured).
        ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS origin integer NOT NULL DEFAULT 0;

        CREATE TABLE IF NOT EXISTS taxii_clock (
            id integer PRIMARY KEY CHECK (id = 1),
            last_added timestamptz NOT NULL
        );

        INSERT INTO taxii_clock (id, last_added) VALUES (1, '1970-01-01T00:00:00Z') ON CONFLICT (id) DO NOTHING;

        CREATE TABLE IF NOT EXISTS taxii_objects (
            collection_id text NOT NULL,
            object_id text NOT NULL,
            version timestamptz NOT NULL,
            version_text text,
            type text NOT NULL,
            spec_version text NOT NULL,
            date_added timestamptz NOT NULL UNIQUE,
            tlp integer NOT NULL,
            json text NOT NULL,
            PRIMARY KEY (collection_id, object_id, version)
        );

        CREATE INDEX IF NOT EXISTS taxii_objects_collection_date_added ON taxii_objects (collection_id, date_added);

        CREATE TABLE IF NOT EXISTS taxii_status (
            id text PRIMARY KEY,
            api_root text NOT NULL,
            owner text NOT NULL,
            request_timestamp timestamptz NOT NULL
        );

        CREATE TABLE IF NOT EXISTS taxii_status_details (
            status_id text NOT NULL REFERENCES taxii_status (id),
            ordinal integer NOT NULL,
            kind integer NOT NULL,
            object_id text NOT NULL,
            version text NOT NULL,
            message text,
            PRIMARY KEY (status_id, ordinal)
        );
        """;
}
