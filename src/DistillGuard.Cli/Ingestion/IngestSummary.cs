namespace DistillGuard.Cli.Ingestion;

/// <summary>What the service answered, summed over every body of one <c>distillguard ingest</c>.</summary>
internal sealed class IngestSummary
{
    /// <summary>The most rejected lines kept for the report; the counts include all of them.</summary>
    public const int KeptRejections = 20;

    /// <summary>Gets the lines sent (a last line without a newline included).</summary>
    public long Lines { get; internal set; }

    /// <summary>Gets the bodies sent and answered.</summary>
    public int Bodies { get; internal set; }

    /// <summary>Gets the exchanges the service accepted.</summary>
    public long Accepted { get; internal set; }

    /// <summary>Gets the lines the service rejected.</summary>
    public long Rejected { get; internal set; }

    /// <summary>Gets the exchanges the service already had (same id).</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Gets the requests sent again after a 429 or 503.</summary>
    public int Retries { get; internal set; }

    /// <summary>Gets the first rejected lines: line number in the input, and the service's reason.</summary>
    public List<(long Line, string Reason)> FirstRejections { get; } = [];

    /// <summary>Gets whether lines were sent and the service rejected every one of them.</summary>
    public bool AllRejected => Lines > 0 && Rejected > 0 && Accepted == 0 && Duplicates == 0;
}
