using DistillGuard.Sharing.Pseudonymisation;

namespace DistillGuard.Sharing.Export;

/// <summary>The fingerprints behind one indicator: one value, or the bands of one prompt template.</summary>
/// <param name="Type">The kind of attribute.</param>
/// <param name="Fingerprints">The pseudonymised values.</param>
/// <param name="Subjects">How many of the campaign's accounts share the value.</param>
internal sealed record SharedFingerprintGroup(FingerprintType Type, IReadOnlyList<ClientFingerprint> Fingerprints, int Subjects);
