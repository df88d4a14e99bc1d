using System.Text.Json;
using DistillGuard.Core.Exchanges;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>The wire names of <see cref="NetworkType"/> (<c>client.network_type</c>).</summary>
internal static class NetworkTypes
{
    /// <summary>Maps the string the reader is on; a name not in the spec maps to <see cref="NetworkType.Unknown"/>.</summary>
    /// <param name="reader">A reader on a string token.</param>
    /// <returns>The network type.</returns>
    public static NetworkType Parse(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("datacenter"u8) ? NetworkType.Datacenter
        : reader.ValueTextEquals("residential"u8) ? NetworkType.Residential
        : reader.ValueTextEquals("mobile"u8) ? NetworkType.Mobile
        : reader.ValueTextEquals("vpn"u8) ? NetworkType.Vpn
        : reader.ValueTextEquals("tor"u8) ? NetworkType.Tor
        : NetworkType.Unknown;

    /// <summary>Gets the wire name of a network type.</summary>
    /// <param name="type">The network type.</param>
    /// <returns>The name, or <see langword="null"/> for <see cref="NetworkType.Unknown"/>, which is written by leaving the field out.</returns>
    public static string? ToName(NetworkType type) => type switch
    {
        NetworkType.Datacenter => "datacenter",
        NetworkType.Residential => "residential",
        NetworkType.Mobile => "mobile",
        NetworkType.Vpn => "vpn",
        NetworkType.Tor => "tor",
        _ => null,
    };
}
