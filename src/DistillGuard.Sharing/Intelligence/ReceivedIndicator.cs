using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Intelligence;

/// <summary>An indicator received from a peer of the trust group.</summary>
/// <param name="Peer">The peer's name, as configured locally (the one that reports it in findings).</param>
/// <param name="Indicator">The indicator, one version of it.</param>
public sealed record ReceivedIndicator(string Peer, StixIndicator Indicator);
