namespace DistillGuard.Core.Exchanges;

/// <summary>The caller's network and client as the provider saw them (<c>client.*</c>).</summary>
public sealed record ClientInfo
{
    /// <summary>Gets the caller's IPv4 or IPv6 address.</summary>
    public string? Ip { get; init; }

    /// <summary>Gets the autonomous system number of <see cref="Ip"/>.</summary>
    public long? Asn { get; init; }

    /// <summary>Gets the autonomous system's organisation name.</summary>
    public string? AsnOrg { get; init; }

    /// <summary>Gets the kind of network the address belongs to.</summary>
    public NetworkType NetworkType { get; init; } = NetworkType.Unknown;

    /// <summary>Gets the ISO 3166-1 alpha-2 country of the address.</summary>
    public string? Country { get; init; }

    /// <summary>Gets the HTTP User-Agent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Gets other request headers worth keeping, names lower-cased.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Gets a TLS client fingerprint such as JA4.</summary>
    public string? TlsFingerprint { get; init; }
}
