namespace DistillGuard.Cli.Ingestion;

/// <summary>What <c>distillguard ingest</c> was asked to do.</summary>
internal sealed class IngestSettings
{
    /// <summary>The service's default body limit (<c>DistillGuard:Server:MaxRequestBodyBytes</c>), the default chunk size.</summary>
    public const long DefaultChunkBytes = 32L * 1024 * 1024;

    /// <summary>The smallest chunk accepted: the service's smallest body limit.</summary>
    public const long MinChunkBytes = 1024;

    /// <summary>Gets the ingest endpoint, for example <c>http://127.0.0.1:5080/v1/exchanges</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Gets the largest body sent; bodies end at a line boundary.</summary>
    /// <value>32 MiB, the service's default limit.</value>
    public long ChunkBytes { get; init; } = DefaultChunkBytes;

    /// <summary>Gets how many times one body is sent again after a 429 or 503 before the command gives up.</summary>
    /// <value>5.</value>
    public int Retries { get; init; } = 5;

    /// <summary>Gets the longest wait before a retry, whatever <c>Retry-After</c> asks.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);
}
