using DistillGuard.Ingest.Nats;

namespace DistillGuard.Server.Ingestion;

/// <summary>How the service makes accepted exchanges durable (section <c>DistillGuard:Ingest</c>).</summary>
public sealed class IngestOptions
{
    /// <summary>Gets or sets where accepted exchanges go before the engine applies them.</summary>
    /// <value><see cref="IngestMode.Journal"/>: the embedded journal; no NATS is needed or contacted.</value>
    public IngestMode Mode { get; set; } = IngestMode.Journal;

    /// <summary>Gets or sets the NATS server, stream and partitions, read when <see cref="Mode"/> is <see cref="IngestMode.Nats"/>.</summary>
    /// <value>The defaults of <see cref="NatsIngestOptions"/>: <c>nats://127.0.0.1:4222</c>, 4 partitions, subjects <c>dg.ingest.{p}</c>.</value>
    public NatsIngestOptions Nats { get; set; } = new();

    internal IReadOnlyList<string> Validate() =>
        Mode == IngestMode.Nats ? Nats.Validate("Ingest:Nats") : [];
}
