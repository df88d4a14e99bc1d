namespace DistillGuard.Sharing.Intelligence;

/// <summary>How often local subjects matched one peer indicator: what a STIX <c>sighting</c> sent back reports.</summary>
public sealed record PeerIndicatorSighting
{
    /// <summary>Gets the peer that shared the indicator.</summary>
    public required string Peer { get; init; }

    /// <summary>Gets the indicator's STIX id.</summary>
    public required string IndicatorId { get; init; }

    /// <summary>Gets how many local values (one per subject and fingerprint) matched it.</summary>
    public required int Count { get; init; }

    /// <summary>Gets the time of the first matching exchange.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>Gets the time of the last matching exchange.</summary>
    public required DateTimeOffset LastSeen { get; init; }
}
