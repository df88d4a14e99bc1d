namespace DistillGuard.Server.Dossier;

/// <summary>What the cover says about this rendering of a dossier: when, by whom, and the hash of the data it shows.</summary>
/// <param name="GeneratedAt">When it was generated (the service's clock, UTC).</param>
/// <param name="GeneratedBy">Who asked for it (the API key's name).</param>
/// <param name="ContentHash">The content hash of the data (<see cref="DossierContentHash"/>).</param>
internal sealed record DossierStamp(DateTimeOffset GeneratedAt, string GeneratedBy, string ContentHash);
