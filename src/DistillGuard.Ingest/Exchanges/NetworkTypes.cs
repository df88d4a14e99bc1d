using System.Text.Json;
using DistillGuard.Core.Exchanges;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>The wire names of <see cref="NetworkType"/> (<c>client.network_type</c>).</summary>
internal static class NetworkTypes
{
    /// <summary>The longest wire name, in bytes.</summary>
    private const int MaxName = 11;

    /// <summary>Maps the string the reader is on; a name not in the spec maps to <see cref="NetworkType.Unknown"/>.</summary>
    /// <param name="reader">A reader on a string token.</param>
    /// <returns>The network type.</returns>
    public static NetworkType Parse(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Parse(reader.ValueSpan);
        }

        // Unescaping never lengthens a value, and an escape is at most six bytes: a longer value is none of the names.
        Span<byte> name = stackalloc byte[6 * MaxName];
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > name.Length)
        {
            return NetworkType.Unknown;
        }

        try
        {
            return Parse(name[..reader.CopyString(name)]);
        }
        catch (InvalidOperationException)
        {
            return NetworkType.Unknown; // an escaped lone surrogate: no name has one
        }
    }

    /// <summary>Maps a name's UTF-8 bytes (unescaped); a name not in the spec maps to <see cref="NetworkType.Unknown"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The network type.</returns>
    public static NetworkType Parse(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("datacenter"u8) ? NetworkType.Datacenter
        : name.SequenceEqual("residential"u8) ? NetworkType.Residential
        : name.SequenceEqual("mobile"u8) ? NetworkType.Mobile
        : name.SequenceEqual("vpn"u8) ? NetworkType.Vpn
        : name.SequenceEqual("tor"u8) ? NetworkType.Tor
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
