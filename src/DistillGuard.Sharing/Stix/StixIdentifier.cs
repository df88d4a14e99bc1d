using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DistillGuard.Sharing.Stix;

/// <summary>STIX identifiers: <c>type--UUID</c> (STIX 2.1 §2.9).</summary>
/// <remarks>
/// Domain and relationship objects take a random UUID (version 4, <see cref="StixIdGenerator"/>). Cyber-observables take
/// a name-based UUID (version 5, RFC 9562 §5.5) in the STIX namespace over the RFC 8785 canonical JSON of their
/// id-contributing properties, so that every producer names the same observable the same way (STIX 2.1 §2.9).
/// </remarks>
public static class StixIdentifier
{
    /// <summary>The namespace of STIX cyber-observable ids, <c>00abedb4-aa42-466c-9c01-fed23315a9b7</c>.</summary>
    public static readonly Guid ObservableNamespace = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary>Makes an id from a type and a UUID.</summary>
    /// <param name="type">The object type.</param>
    /// <param name="uuid">The UUID.</param>
    /// <returns><c>type--uuid</c>, lower-case.</returns>
    public static string Create(string type, Guid uuid) => string.Concat(type, "--", uuid.ToString("D", CultureInfo.InvariantCulture));

    /// <summary>Makes the deterministic id of a cyber-observable.</summary>
    /// <param name="type">The observable type.</param>
    /// <param name="idContributingProperties">The id-contributing properties and their string values; their order does not matter.</param>
    /// <returns><c>type--UUIDv5</c>.</returns>
    public static string ForObservable(string type, IEnumerable<KeyValuePair<string, string>> idContributingProperties)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(idContributingProperties);
        return Create(type, NameBased(ObservableNamespace, CanonicalJson(idContributingProperties)));
    }

    /// <summary>Computes a name-based UUID, version 5 (SHA-1), RFC 9562 §5.5.</summary>
    /// <param name="namespaceId">The namespace.</param>
    /// <param name="name">The name, hashed as UTF-8.</param>
    /// <returns>The UUID.</returns>
    public static Guid NameBased(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        // RFC 9562 defines version 5 on SHA-1; it names, it does not protect.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>Splits an id into its type and UUID.</summary>
    /// <param name="id">The id.</param>
    /// <param name="type">The type.</param>
    /// <param name="uuid">The UUID.</param>
    /// <returns>Whether the id is <c>type--UUID</c> with an RFC 9562 UUID of version 1 to 5, as STIX requires.</returns>
    public static bool TryParse([NotNullWhen(true)] string? id, [NotNullWhen(true)] out string? type, out Guid uuid)
    {
        type = null;
        uuid = default;
        var separator = id?.LastIndexOf("--", StringComparison.Ordinal) ?? -1;
        if (separator < 1 || id!.Length - separator - 2 != 36 || !Guid.TryParseExact(id.AsSpan(separator + 2), "D", out uuid))
        {
            return false;
        }

        var version = Version(uuid);
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        if (version is < 1 or > 5 || (bytes[8] & 0xC0) != 0x80)
        {
            return false;
        }

        type = id[..separator];
        return IsTypeName(type);
    }

    /// <summary>Gets whether a string is a valid STIX id.</summary>
    /// <param name="id">The string.</param>
    /// <returns>Whether it is <c>type--UUID</c> (see <see cref="TryParse"/>).</returns>
    public static bool IsValid([NotNullWhen(true)] string? id) => TryParse(id, out _, out _);

    /// <summary>Gets the version of a UUID (4 random, 5 name-based, …).</summary>
    /// <param name="uuid">The UUID.</param>
    /// <returns>The version nibble.</returns>
    public static int Version(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes[6] >> 4;
    }

    /// <summary>Gets whether a string is a STIX type name: lower-case letters, digits and single hyphens, 3 to 250 characters.</summary>
    /// <param name="type">The string.</param>
    /// <returns>Whether it is a valid type name.</returns>
    public static bool IsTypeName(string type)
    {
        if (type.Length is < 3 or > 250 || type[0] is < 'a' or > 'z' || type.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in type)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes string properties as RFC 8785 canonical JSON: keys sorted by UTF-16 code units, no whitespace.</summary>
    internal static string CanonicalJson(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var sorted = properties.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder("{");
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            AppendString(text, sorted[i].Key);
            text.Append(':');
            AppendString(text, sorted[i].Value);
        }

        return text.Append('}').ToString();
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }

    /// <summary>Makes a version-4 UUID of 16 random bytes (RFC 9562 §5.4); used by <see cref="StixIdGenerator"/>.</summary>
    internal static Guid FromRandomBytes(Span<byte> bytes)
    {
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
