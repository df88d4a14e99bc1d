namespace DistillGuard.Server.Dossier;

/// <summary>One row of the timeline: a member's (or the rest's) exchanges per bucket.</summary>
internal sealed record DossierTimelineRow
{
    /// <summary>Gets the row's label (the member, or "N other members").</summary>
    public required string Label { get; init; }

    /// <summary>Gets the exchanges in each bucket.</summary>
    public required IReadOnlyList<long> Counts { get; init; }
}
