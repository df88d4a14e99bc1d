using DistillGuard.Sharing.Stix;
using System.Collections.Frozen;

namespace DistillGuard.Server.Taxii;

/// <summary>An authenticated TAXII peer: its name, its TLP ceiling and its grants by collection id.</summary>
internal sealed class TaxiiPeer(string name, TrafficLightProtocol maxTlp, FrozenDictionary<string, TaxiiGrantOptions> grants)
{
    public string Name { get; } = name;

    /// <summary>Gets the most restricted level the peer may read; never <see cref="TrafficLightProtocol.Red"/>.</summary>
    public TrafficLightProtocol MaxTlp { get; } = maxTlp;

    /// <summary>Gets the peer's grant on a collection (by its lower-case id), or null when it has none.</summary>
    public TaxiiGrantOptions? GrantOn(string collectionId) => grants.GetValueOrDefault(collectionId);
}
