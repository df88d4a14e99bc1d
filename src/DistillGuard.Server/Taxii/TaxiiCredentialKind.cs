namespace DistillGuard.Server.Taxii;

/// <summary>How a TAXII peer authenticates.</summary>
public enum TaxiiCredentialKind
{
    /// <summary>HTTP Basic: a username and a password.</summary>
    Basic = 0,

    /// <summary>HTTP Bearer: a token.</summary>
    Bearer = 1,
}
