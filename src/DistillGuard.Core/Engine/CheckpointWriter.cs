using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Writes the fields of an engine checkpoint, little-endian, through a chunk buffer into an
/// <see cref="IBufferWriter{T}"/>, hashing everything it writes for the trailing checksum (<see cref="Complete"/>).
/// </summary>
/// <remarks>
/// Integers and doubles have fixed widths (a double's IEEE 754 bits). A string is a tag byte (0 null, 1 UTF-8, 2 UTF-16
/// code units for text that is not well-formed UTF-16, so that even a lone surrogate round-trips), an Int32 byte length
/// and the bytes. A <see cref="DateTimeOffset"/> is its clock ticks (Int64) and its offset in minutes (Int16), so the
/// offset survives. An optional value is a Boolean then the value. A sketch is its own <see cref="ICheckpointable{TSelf}"/>
/// form, which starts with its kind and version.
/// </remarks>
internal sealed class CheckpointWriter : IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    private readonly IBufferWriter<byte> _destination;
    private readonly XxHash3 _checksum = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private int _used;

    public CheckpointWriter(IBufferWriter<byte> destination) => _destination = destination;

    /// <summary>Gets or sets whether quotes of prompts (evidence) are written; when not, they are written as absent.</summary>
    public bool WritesQuotes { get; init; } = true;

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _used += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        _used++;
    }

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt16(ushort value) => WriteInteger(value);

    public void WriteInt32(int value) => WriteInteger(value);

    public void WriteInt64(long value) => WriteInteger(value);

    public void WriteUInt64(ulong value) => WriteInteger(value);

    public void WriteDouble(double value) => WriteInteger(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Writes a count and then each value.</summary>
    public void WriteInt32s(ReadOnlySpan<int> values)
    {
        WriteInt32(values.Length);
        foreach (var value in values)
        {
            WriteInt32(value);
        }
    }

    public void WriteOptionalInt64(long? value)
    {
        WriteBoolean(value.HasValue);
        if (value is { } v)
        {
            WriteInt64(v);
        }
    }

    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        WriteInt64(value.Ticks);
        WriteInteger((short)value.TotalOffsetMinutes);
    }

    public void WriteOptionalDateTimeOffset(DateTimeOffset? value)
    {
        WriteBoolean(value.HasValue);
        if (value is { } v)
        {
            WriteDateTimeOffset(v);
        }
    }

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte(CheckpointFormat.NullString);
            return;
        }

        const int Prefix = 1 + sizeof(int);
        var span = Reserve(Prefix + Encoding.UTF8.GetMaxByteCount(value.Length));
        if (Utf8.FromUtf16(value, span[Prefix..], out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            span[0] = CheckpointFormat.Utf8String;
            BinaryPrimitives.WriteInt32LittleEndian(span[1..], written);
            _used += Prefix + written;
            return;
        }

        // Not well-formed UTF-16 (a lone surrogate): the code units themselves, which UTF-8 cannot carry.
        var bytes = value.Length * sizeof(char);
        span = Reserve(Prefix + bytes);
        span[0] = CheckpointFormat.Utf16String;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], bytes);
        var units = span[Prefix..];
        for (var i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(units[(i * sizeof(char))..], value[i]);
        }

        _used += Prefix + bytes;
    }

    public void WriteSketch<T>(T sketch)
        where T : ICheckpointable<T>
    {
        // Reserve may flush, which resets _used: it runs before the addition reads _used.
        var written = sketch.WriteTo(Reserve(sketch.SerializedSize));
        _used += written;
    }

    /// <summary>Writes the rest of the buffer and then the checksum of everything written.</summary>
    public void Complete()
    {
        Flush();
        Span<byte> checksum = stackalloc byte[CheckpointFormat.ChecksumSize];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, _checksum.GetCurrentHashAsUInt64());
        _destination.Write(checksum);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteInteger<T>(T value)
        where T : IBinaryInteger<T>
    {
        // Reserve may flush, which resets _used: it runs before the addition reads _used.
        var written = value.WriteLittleEndian(Reserve(value.GetByteCount()));
        _used += written;
    }

    /// <summary>Gets at least <paramref name="size"/> free bytes of the buffer; the caller then adds what it wrote to <see cref="_used"/>.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _used < size)
        {
            Flush();
            if (_buffer.Length < size)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(size);
            }
        }

        return _buffer.AsSpan(_used);
    }

    private void Flush()
    {
        if (_used == 0)
        {
            return;
        }

        var chunk = _buffer.AsSpan(0, _used);
        _checksum.Append(chunk);
        _destination.Write(chunk);
        _used = 0;
    }
}
