namespace DistillGuard.Storage.PostgreSql;

/// <summary>Options for <see cref="PostgreSqlServiceStore"/>.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>Gets or sets the Npgsql connection string, for example
    /// <c>Host=db;Port=5432;Username=distillguard;Password=...;Database=distillguard</c>.</summary>
    /// <value>The default is empty, which is not valid: it must be set.</value>
    /// <remarks>
    /// The tables are created in the first schema of the connection's search path (<c>public</c> unless the
    /// connection string sets <c>Search Path</c>), so one database can hold several stores in separate schemas.
    /// </remarks>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets how many checkpoints are kept; older ones are deleted when a newer one is saved.</summary>
    /// <value>The default is 2 (the newest, and the one before it in case the newest cannot be read). At least 1.</value>
    public int CheckpointsToKeep { get; set; } = 2;

    /// <summary>Gets or sets how many exchanges a read fetches per query while it streams the journal.</summary>
    /// <value>The default is 500. At least 1.</value>
    public int ReadBatchSize { get; set; } = 500;
}
