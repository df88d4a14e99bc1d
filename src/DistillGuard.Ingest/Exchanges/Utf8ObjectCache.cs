using System.IO.Hashing;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>
/// A small direct-mapped cache from the raw UTF-8 bytes of a JSON object to what it parsed to, for sub-objects that
/// repeat verbatim from line to line (an account's <c>billing</c>, a client's <c>client</c>): a hit costs a hash and a
/// comparison instead of a parse and an allocation. Any bytes can be keys, for example a recurring text's UTF-16
/// bytes mapped to what was computed from it.
/// </summary>
/// <remarks>
/// Only identical bytes hit, so a hit returns exactly what parsing would have returned; the cached objects are
/// immutable records and are shared between exchanges. Not thread-safe; one per parser.
/// </remarks>
/// <typeparam name="T">The parsed type.</typeparam>
internal sealed class Utf8ObjectCache<T>
{
    private readonly byte[]?[] _keys;
    private readonly T?[] _values;
    private readonly int _maxLength;
    private readonly int _sizeBits;

    /// <summary>Initializes a new instance of the <see cref="Utf8ObjectCache{T}"/> class.</summary>
    /// <param name="maxLength">The longest object cached, in bytes.</param>
    /// <param name="sizeBits">The table has 2^<paramref name="sizeBits"/> slots.</param>
    public Utf8ObjectCache(int maxLength = 1024, int sizeBits = 10)
    {
        _maxLength = maxLength;
        _sizeBits = sizeBits;
        _keys = new byte[1 << sizeBits][];
        _values = new T[1 << sizeBits];
    }

    /// <summary>Gets the object that these bytes parsed to, if they were seen recently.</summary>
    public bool TryGet(ReadOnlySpan<byte> raw, out T? value, out int slot)
    {
        value = default;
        slot = -1;
        if (raw.Length > _maxLength)
        {
            return false;
        }

        slot = (int)(XxHash3.HashToUInt64(raw) >> (64 - _sizeBits));
        if (_keys[slot] is { } key && raw.SequenceEqual(key))
        {
            value = _values[slot];
            return true;
        }

        return false;
    }

    /// <summary>Remembers what the bytes parsed to, in the slot <see cref="TryGet"/> answered.</summary>
    public void Set(int slot, ReadOnlySpan<byte> raw, T? value)
    {
        if (slot < 0)
        {
            return;
        }

        _keys[slot] = raw.ToArray();
        _values[slot] = value;
    }
}
