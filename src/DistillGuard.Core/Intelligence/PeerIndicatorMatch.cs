namespace DistillGuard.Core.Intelligence;

/// <summary>A subject's value matched an indicator a peer shared.</summary>
/// <param name="Peer">The peer that shared it.</param>
/// <param name="Weight">How much it counts, in [0, 1]: the peer's confidence, decayed with the indicator's age.</param>
/// <param name="IndicatorId">The indicator's STIX id.</param>
public readonly record struct PeerIndicatorMatch(string Peer, double Weight, string IndicatorId);
