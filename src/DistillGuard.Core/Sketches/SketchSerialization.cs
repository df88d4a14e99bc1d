using System.Buffers;

namespace DistillGuard.Core.Sketches;

/// <summary>The shared binary framing of sketches: a kind tag, a format version, then each sketch's own fields (little-endian).</summary>
internal static class SketchSerialization
{
    /// <summary>The format version written after the kind tag.</summary>
    public const byte FormatVersion = 1;

    /// <summary>The bytes of the kind tag and the version.</summary>
    public const int PreambleSize = 2;

    private const int StackBufferSize = 1024;

    public static void WritePreamble(Span<byte> destination, SketchKind kind)
    {
        destination[0] = (byte)kind;
        destination[1] = FormatVersion;
    }

    public static void ReadPreamble(ReadOnlySpan<byte> source, SketchKind kind)
    {
        if (source.Length < PreambleSize)
        {
            throw new InvalidDataException($"A serialised {kind} needs at least {PreambleSize} bytes; got {source.Length}.");
        }

        if (source[0] != (byte)kind)
        {
            throw new InvalidDataException($"Expected a serialised {kind} (tag {(byte)kind}), found tag {source[0]}.");
        }

        if (source[1] != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported {kind} format version {source[1]}; this build reads version {FormatVersion}.");
        }
    }

    public static void EnsureDestination(Span<byte> destination, int required, SketchKind kind)
    {
        if (destination.Length < required)
        {
            throw new ArgumentException($"Writing a {kind} needs {required} bytes; the destination has {destination.Length}.", nameof(destination));
        }
    }

    public static void EnsureSource(ReadOnlySpan<byte> source, int required, SketchKind kind)
    {
        if (source.Length < required)
        {
            throw new InvalidDataException($"A serialised {kind} needs {required} bytes; got {source.Length}.");
        }
    }

    public static void Write<T>(T sketch, BinaryWriter writer)
        where T : ICheckpointable<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        var size = sketch.SerializedSize;
        byte[]? rented = null;
        var buffer = size <= StackBufferSize
            ? stackalloc byte[StackBufferSize]
            : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var written = sketch.WriteTo(buffer);
            writer.Write(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static T Read<T>(BinaryReader reader)
        where T : ICheckpointable<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        Span<byte> header = stackalloc byte[T.HeaderSize];
        ReadExactly(reader, header);
        var size = T.SerializedSizeFromHeader(header);
        byte[]? rented = null;
        var buffer = size <= StackBufferSize
            ? stackalloc byte[StackBufferSize]
            : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            header.CopyTo(buffer);
            ReadExactly(reader, buffer[header.Length..size]);
            return T.ReadFrom(buffer[..size], out _);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var read = reader.Read(destination);
            if (read == 0)
            {
                throw new EndOfStreamException("The stream ended inside a serialised sketch.");
            }

            destination = destination[read..];
        }
    }
}
