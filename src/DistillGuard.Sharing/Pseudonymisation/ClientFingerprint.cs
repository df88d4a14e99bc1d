namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>A pseudonymised client attribute: what may leave the provider.</summary>
/// <param name="Type">The kind of attribute.</param>
/// <param name="Value">The pseudonym: lower-case hex HMAC-SHA256 of the normalised attribute under the trust group's key.</param>
/// <param name="KeyEpoch">The epoch of the key.</param>
public sealed record ClientFingerprint(FingerprintType Type, string Value, int KeyEpoch);
