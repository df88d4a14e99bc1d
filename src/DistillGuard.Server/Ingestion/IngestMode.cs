namespace DistillGuard.Server.Ingestion;

/// <summary>Where accepted exchanges go before the engine applies them.</summary>
public enum IngestMode
{
    /// <summary>The embedded journal in the service store: journalled and applied in one step (the default; needs nothing else).</summary>
    Journal,

    /// <summary>
    /// A NATS JetStream stream: the ingest API answers once the stream has the exchanges, and a pump per partition
    /// applies them to the engine (through the journal) and then acknowledges them.
    /// </summary>
    Nats,
}
