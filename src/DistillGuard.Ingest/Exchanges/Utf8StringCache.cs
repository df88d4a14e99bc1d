using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>
/// A small direct-mapped cache from UTF-8 bytes to the string they decode to, for values that recur from line to
/// line (account, model, address, user agent, headers, billing, roles): a hit costs a hash and a comparison instead
/// of a transcoding and an allocation, and every line of an account shares one string instance.
/// </summary>
/// <remarks>
/// Direct-mapped: a new value evicts the one in its slot, so a field with millions of distinct values costs one
/// small key copy per miss and never more memory than the table. Not thread-safe; one per parser.
/// </remarks>
internal sealed class Utf8StringCache
{
    /// <summary>The longest value cached by default, in bytes; longer values are decoded every time.</summary>
    public const int MaxLength = 128;

    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    private readonly byte[]?[] _keys;
    private readonly string?[] _values;
    private readonly int _maxLength;
    private readonly int _sizeBits;

    /// <summary>Initializes a new instance of the <see cref="Utf8StringCache"/> class.</summary>
    /// <param name="maxLength">The longest value cached, in bytes.</param>
    /// <param name="sizeBits">The table has 2^<paramref name="sizeBits"/> slots.</param>
    public Utf8StringCache(int maxLength = MaxLength, int sizeBits = 11)
    {
        _maxLength = maxLength;
        _sizeBits = sizeBits;
        _keys = new byte[1 << sizeBits][];
        _values = new string[1 << sizeBits];
    }

    /// <summary>Gets the string the reader is on.</summary>
    /// <param name="reader">A reader on a string token.</param>
    /// <returns>The string; a cached instance when the same bytes were seen recently.</returns>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > _maxLength)
        {
            return reader.GetString()!;
        }

        ReadOnlySpan<byte> utf8 = reader.ValueSpan;
        int slot = Slot(utf8);
        byte[]? key = _keys[slot];
        if (key is not null && utf8.SequenceEqual(key))
        {
            return _values[slot]!;
        }

        string value = reader.GetString()!;
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }

    /// <summary>Gets the string that unescaped JSON string content decodes to, as <see cref="Get(ref Utf8JsonReader)"/> does.</summary>
    /// <param name="utf8">The bytes between the quotes of a string without escapes.</param>
    /// <returns>The string, a cached instance when the same bytes were seen recently; <see langword="null"/> if the bytes
    /// are not valid UTF-8 (where the reader would throw).</returns>
    public string? GetUnescaped(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _maxLength)
        {
            return Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : null;
        }

        int slot = Slot(utf8);
        byte[]? key = _keys[slot];
        if (key is not null && utf8.SequenceEqual(key))
        {
            return _values[slot]!;
        }

        if (!Utf8.IsValid(utf8))
        {
            return null;
        }

        string value = Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }

    /// <summary>Hashes the first, middle and last 8 bytes and the length to a slot.</summary>
    /// <remarks>
    /// Not a general-purpose hash: it only spreads the short identifiers this cache sees over its slots, as cheaply as
    /// possible. Values that differ only elsewhere share a slot and evict each other, which costs misses, never
    /// wrong strings: a hit compares every byte.
    /// </remarks>
    private int Slot(ReadOnlySpan<byte> utf8)
    {
        ulong hash = (ulong)utf8.Length * Multiplier;
        if (utf8.Length >= sizeof(ulong))
        {
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(utf8));
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..]));
            if (utf8.Length > 2 * sizeof(ulong))
            {
                hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(utf8[((utf8.Length / 2) - (sizeof(ulong) / 2))..]));
            }
        }
        else
        {
            ulong packed = 0;
            foreach (byte b in utf8)
            {
                packed = (packed << 8) | b;
            }

            hash = Mix(hash, packed);
        }

        return (int)((hash * Multiplier) >> (64 - _sizeBits));
    }

    private static ulong Mix(ulong hash, ulong value) => BitOperations.RotateLeft((hash ^ value) * Multiplier, 29);
}
