using System.Globalization;
using DistillGuard.Core.Exchanges;

namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>An autonomous system that hands out client addresses: an ISP, a mobile carrier, a cloud or a VPN exit network.</summary>
/// <param name="Asn">The AS number.</param>
/// <param name="Org">The AS organisation name, as IP-intelligence feeds spell it.</param>
/// <param name="Country">The ISO 3166-1 alpha-2 country its addresses geolocate to.</param>
/// <param name="Type">The kind of network.</param>
/// <param name="V4Prefixes">The first two octets of address blocks it announces, for example <c>73.12</c>.</param>
/// <param name="V6Prefix">The first hextets of an IPv6 block it announces, or <see langword="null"/>.</param>
internal sealed record Isp(long Asn, string Org, string Country, NetworkType Type, IReadOnlyList<string> V4Prefixes, string? V6Prefix = null)
{
    public string NewAddress(SimRandom random, double v6Share = 0)
    {
        if (V6Prefix is not null && random.Chance(v6Share))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{V6Prefix}:{random.Hex(4).TrimStart('0')}:{random.Hex(4).TrimStart('0')}::{random.Hex(3).TrimStart('0')}{random.Next(1, 16):x}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{random.Pick(V4Prefixes)}.{random.Next(256)}.{random.Next(1, 255)}");
    }

    /// <summary>Hands out <paramref name="count"/> addresses, for example a service's fixed egress addresses.</summary>
    public string[] NewAddresses(SimRandom random, int count)
    {
        var addresses = new string[count];
        for (var i = 0; i < count; i++)
        {
            addresses[i] = NewAddress(random);
        }

        return addresses;
    }

    /// <summary>Describes a client at <paramref name="ip"/> in this network.</summary>
    public ClientInfo Client(string ip, ClientSoftware software, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Ip = ip,
        Asn = Asn,
        AsnOrg = Org,
        NetworkType = Type,
        Country = Country,
        UserAgent = software.UserAgent,
        TlsFingerprint = software.TlsFingerprint,
        Headers = headers,
    };
}
