namespace DistillGuard.Storage.Sqlite;

/// <summary>Options for <see cref="SqliteServiceStore"/>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Gets or sets the path of the database file; it is created when missing.</summary>
    /// <value>The default is <c>distillguard.db</c>, relative to the working directory.</value>
    /// <remarks>
    /// The store puts the database in WAL mode, so SQLite keeps a <c>-wal</c> and a <c>-shm</c> file beside it; the three
    /// belong together when the database is copied or moved. An in-memory database is not supported: every operation
    /// opens its own connection.
    /// </remarks>
    public string DataSource { get; set; } = "distillguard.db";

    /// <summary>Gets or sets how long an operation waits for another process's write lock before it fails.</summary>
    /// <value>The default is 30 seconds. It must be positive.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many checkpoints are kept; older ones are deleted when a newer one is saved.</summary>
    /// <value>The default is 2 (the newest, and the one before it in case the newest cannot be read). At least 1.</value>
    public int CheckpointsToKeep { get; set; } = 2;

    /// <summary>Gets or sets how many exchanges a read fetches per query while it streams the journal.</summary>
    /// <value>The default is 500. At least 1.</value>
    public int ReadBatchSize { get; set; } = 500;
}
