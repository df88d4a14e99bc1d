namespace DistillGuard.Server.Taxii;

/// <summary>One credential of a TAXII peer; only the SHA-256 hash of its secret is configured.</summary>
public sealed class TaxiiCredentialOptions
{
    /// <summary>Gets or sets how the peer presents it.</summary>
    /// <value><see cref="TaxiiCredentialKind.Basic"/>.</value>
    public TaxiiCredentialKind Kind { get; set; } = TaxiiCredentialKind.Basic;

    /// <summary>Gets or sets the username (Basic only).</summary>
    /// <value>Null; required for Basic.</value>
    public string? Username { get; set; }

    /// <summary>Gets or sets the SHA-256 hash, in hex, of the password (Basic) or of the token (Bearer).</summary>
    /// <value>Empty; required (64 hexadecimal digits).</value>
    /// <remarks>
    /// A plain hash suffices only for secrets with high entropy: make passwords and tokens long and random (for example
    /// 32 random bytes in base64), never a memorable password.
    /// </remarks>
    public string Sha256 { get; set; } = string.Empty;
}
