namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>What a client's software reveals: its User-Agent and its TLS (JA4-style) fingerprint.</summary>
/// <param name="UserAgent">The HTTP User-Agent.</param>
/// <param name="TlsFingerprint">The TLS client fingerprint.</param>
internal sealed record ClientSoftware(string UserAgent, string TlsFingerprint);
