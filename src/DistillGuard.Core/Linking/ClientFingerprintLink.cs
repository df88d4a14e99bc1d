namespace DistillGuard.Core.Linking;

/// <summary>
/// The value of a <see cref="LinkKind.ClientFingerprint"/> link: the TLS fingerprint and the user agent, space-separated,
/// so that a rare pair ties accounts; the TLS fingerprint alone is what peers share and match.
/// </summary>
public static class ClientFingerprintLink
{
    /// <summary>Makes the link value of a TLS fingerprint and a user agent.</summary>
    /// <param name="tlsFingerprint">The TLS fingerprint (it contains no space).</param>
    /// <param name="userAgent">The user agent, or null.</param>
    /// <returns>The link value.</returns>
    public static string Value(string tlsFingerprint, string? userAgent) => $"{tlsFingerprint} {userAgent}";

    /// <summary>Gets the TLS fingerprint of a link value made by <see cref="Value"/>.</summary>
    /// <param name="value">The link value.</param>
    /// <returns>The TLS fingerprint.</returns>
    public static string TlsFingerprintOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? value : value[..space];
    }
}
