using DistillGuard.Server.Api;

namespace DistillGuard.Server.Ingestion;

/// <summary>What one ingest request did.</summary>
/// <param name="Accepted">New exchanges stored and observed.</param>
/// <param name="Duplicates">Exchanges whose id was already stored.</param>
/// <param name="Rejected">Lines (or array items) rejected, with their 1-based number and why.</param>
internal sealed record IngestOutcome(long Accepted, long Duplicates, List<RejectedLineDto> Rejected);
