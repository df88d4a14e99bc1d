using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Reads the fields that <see cref="CheckpointWriter"/> wrote, checking every length, count and index against what is
/// left, so that a damaged checkpoint ends in an <see cref="InvalidDataException"/> that names the byte offset.
/// </summary>
internal ref struct CheckpointReader
{
    private readonly ReadOnlySpan<byte> _source;
    private readonly int _origin;
    private int _position;

    /// <summary>Initializes a new instance of the <see cref="CheckpointReader"/> struct.</summary>
    /// <param name="source">The bytes to read.</param>
    /// <param name="origin">The offset of <paramref name="source"/> in the whole checkpoint, for messages.</param>
    public CheckpointReader(ReadOnlySpan<byte> source, int origin)
    {
        _source = source;
        _origin = origin;
    }

    /// <summary>Gets the bytes not read yet.</summary>
    public readonly int Remaining => _source.Length - _position;

    /// <summary>Creates the exception for a problem at the current offset.</summary>
    public readonly InvalidDataException Invalid(string problem, Exception? inner = null) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Invalid engine checkpoint at byte {_origin + _position}: {problem}."), inner);

    public void ExpectSection(ReadOnlySpan<byte> tag, string name)
    {
        if (Remaining < tag.Length || !_source.Slice(_position, tag.Length).SequenceEqual(tag))
        {
            throw Invalid($"expected the {name} section");
        }

        _position += tag.Length;
    }

    public readonly void ExpectEnd()
    {
        if (Remaining != 0)
        {
            throw Invalid($"{Remaining} bytes follow the last section");
        }
    }

    public byte ReadByte() => Take(1)[0];

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw Invalid($"a Boolean is 0 or 1, not {other}"),
    };

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(sizeof(ulong)));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

    /// <summary>Reads a count of items that take at least <paramref name="minItemBytes"/> bytes each.</summary>
    public int ReadCount(string what, int minItemBytes)
    {
        var count = ReadInt32();
        if (count < 0 || count > Remaining / Math.Max(1, minItemBytes))
        {
            throw Invalid($"{count} {what} cannot be held by the {Remaining} bytes left");
        }

        return count;
    }

    /// <summary>Reads an index into a collection of <paramref name="count"/> items.</summary>
    public int ReadIndex(int count, string what)
    {
        var index = ReadInt32();
        if ((uint)index >= (uint)count)
        {
            throw Invalid($"{what} {index} is outside [0, {count})");
        }

        return index;
    }

    /// <summary>Reads an array written by <see cref="CheckpointWriter.WriteInt32s"/> into one of the same length.</summary>
    public void ReadInt32s(Span<int> destination, string what)
    {
        var count = ReadInt32();
        if (count != destination.Length)
        {
            throw Invalid($"{what} has {count} entries; this build has {destination.Length}");
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = ReadInt32();
        }
    }

    public long? ReadOptionalInt64() => ReadBoolean() ? ReadInt64() : null;

    public DateTimeOffset ReadDateTimeOffset()
    {
        var ticks = ReadInt64();
        var offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(Take(sizeof(short)));
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var utcTicks = ticks - offset.Ticks;
        if (offsetMinutes is < -14 * 60 or > 14 * 60
            || ticks < DateTimeOffset.MinValue.Ticks || ticks > DateTimeOffset.MaxValue.Ticks
            || utcTicks < DateTimeOffset.MinValue.Ticks || utcTicks > DateTimeOffset.MaxValue.Ticks)
        {
            throw Invalid($"{ticks} ticks at offset {offsetMinutes} minutes is not a timestamp");
        }

        return new DateTimeOffset(ticks, offset);
    }

    public DateTimeOffset? ReadOptionalDateTimeOffset() => ReadBoolean() ? ReadDateTimeOffset() : null;

    public string ReadString(string what) => ReadOptionalString(what) ?? throw Invalid($"{what} is missing");

    public string? ReadOptionalString(string what)
    {
        var tag = ReadByte();
        if (tag == CheckpointFormat.NullString)
        {
            return null;
        }

        if (tag is not (CheckpointFormat.Utf8String or CheckpointFormat.Utf16String))
        {
            throw Invalid($"{what} has string tag {tag}");
        }

        var length = ReadInt32();
        if (length < 0 || length > Remaining)
        {
            throw Invalid($"{what} of {length} bytes cannot be held by the {Remaining} bytes left");
        }

        var bytes = Take(length);
        if (tag == CheckpointFormat.Utf8String)
        {
            return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : throw Invalid($"{what} is not valid UTF-8");
        }

        if (length % sizeof(char) != 0)
        {
            throw Invalid($"{what} has an odd number of UTF-16 bytes");
        }

        var units = new char[length / sizeof(char)];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * sizeof(char))..]);
        }

        return new string(units);
    }

    public T ReadSketch<T>()
        where T : ICheckpointable<T>
    {
        T sketch;
        int read;
        try
        {
            sketch = T.ReadFrom(_source[_position..], out read);
        }
        catch (InvalidDataException ex)
        {
            throw Invalid(ex.Message.TrimEnd('.'), ex);
        }

        _position += read;
        return sketch;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (Remaining < count)
        {
            throw Invalid($"the checkpoint ends {count - Remaining} bytes short of a {count}-byte field");
        }

        var span = _source.Slice(_position, count);
        _position += count;
        return span;
    }
}
