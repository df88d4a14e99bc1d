using DistillGuard.Sharing.Stix;

namespace DistillGuard.Server.Taxii;

/// <summary>A TAXII peer: a provider of the trust group, its credentials and what it may read and write.</summary>
public sealed class TaxiiPeerOptions
{
    /// <summary>Gets or sets the peer's name (the actor in the audit log).</summary>
    /// <value>Empty; required and unique.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the most restricted TLP level the peer may read; objects above it are invisible to it.</summary>
    /// <value><see cref="TrafficLightProtocol.Green"/>. <see cref="TrafficLightProtocol.Red"/> is refused: TLP:RED is never served to peers.</value>
    public TrafficLightProtocol MaxTlp { get; set; } = TrafficLightProtocol.Green;

    /// <summary>Gets or sets the peer's credentials (several allow rotation).</summary>
    /// <value>Empty; at least one is required.</value>
    public List<TaxiiCredentialOptions> Credentials { get; set; } = [];

    /// <summary>Gets or sets the collections the peer may see, with what it may do there.</summary>
    /// <value>Empty: the peer sees nothing.</value>
    public List<TaxiiGrantOptions> Grants { get; set; } = [];
}
