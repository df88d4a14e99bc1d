using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>Normalises a raw attribute before it is pseudonymised, so that two providers that see the same attribute make the same pseudonym.</summary>
/// <remarks>
/// Every value is trimmed and lower-cased. E-mail domains lose a local part and a trailing dot. Proxy addresses are
/// reduced to their network: the IPv4 /24 or the IPv6 /64 (an IPv4-mapped IPv6 address counts as IPv4), written in
/// CIDR form, for example <c>203.0.113.0/24</c> or <c>2001:db8:1:2::/64</c>; the engine's link values
/// (<c>address@hour</c>) and CIDR text are accepted.
/// </remarks>
public static class FingerprintNormaliser
{
    /// <summary>Normalises a raw value.</summary>
    /// <param name="type">The kind of attribute; <see cref="FingerprintType.PromptTemplate"/> text is normalised by <see cref="TemplateTokenizer"/> instead.</param>
    /// <param name="raw">The raw value.</param>
    /// <returns>The normalised value.</returns>
    /// <exception cref="ArgumentException">The value is empty, or not an address where one is needed.</exception>
    public static string Normalise(FingerprintType type, string raw) =>
        TryNormalise(type, raw, out var normalised)
            ? normalised
            : throw new ArgumentException($"'{raw}' is not a valid {type.Name()} value", nameof(raw));

    /// <summary>Normalises a raw value.</summary>
    /// <param name="type">The kind of attribute.</param>
    /// <param name="raw">The raw value.</param>
    /// <param name="normalised">The normalised value.</param>
    /// <returns>Whether the value could be normalised.</returns>
    public static bool TryNormalise(FingerprintType type, string? raw, [NotNullWhen(true)] out string? normalised)
    {
        normalised = null;
        var text = raw?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        switch (type)
        {
            case FingerprintType.ProxyPrefix:
                return TryNetworkPrefix(text, out normalised);
            case FingerprintType.EmailDomain:
                text = text[(text.LastIndexOf('@') + 1)..].TrimEnd('.');
                break;
            case FingerprintType.Payment or FingerprintType.Tls or FingerprintType.PromptTemplate:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "not a fingerprint type");
        }

        normalised = text.Length == 0 ? null : text;
        return normalised is not null;
    }

    private static bool TryNetworkPrefix(string text, [NotNullWhen(true)] out string? prefix)
    {
        prefix = null;

        // The engine names a proxy link 'address@hour'; CIDR text carries its prefix length after '/'.
        var end = text.IndexOfAny(['@', '/']);
        var address = end < 0 ? text : text[..end];
        if (address.StartsWith('[') && address.EndsWith(']'))
        {
            address = address[1..^1];
        }

        if (!IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            prefix = string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/24");
            return true;
        }

        bytes.AsSpan(8).Clear();
        prefix = string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/64");
        return true;
    }
}
