namespace DistillGuard.Core.Exchanges;

/// <summary>The kind of network a client address belongs to (<c>client.network_type</c>).</summary>
public enum NetworkType
{
    /// <summary>Not known (<c>unknown</c>, or the field is missing).</summary>
    Unknown = 0,

    /// <summary>A hosting or cloud provider (<c>datacenter</c>).</summary>
    Datacenter,

    /// <summary>A consumer broadband address (<c>residential</c>).</summary>
    Residential,

    /// <summary>A mobile carrier (<c>mobile</c>).</summary>
    Mobile,

    /// <summary>A commercial VPN exit (<c>vpn</c>).</summary>
    Vpn,

    /// <summary>A Tor exit node (<c>tor</c>).</summary>
    Tor,
}
