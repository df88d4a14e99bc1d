namespace DistillGuard.Core.Sketches;

/// <summary>
/// A sketch with a self-describing binary form: a fixed-size header that tells the total size, then the body.
/// </summary>
/// <typeparam name="TSelf">The sketch type.</typeparam>
internal interface ICheckpointable<TSelf>
    where TSelf : ICheckpointable<TSelf>
{
    /// <summary>Gets how many leading bytes <see cref="SerializedSizeFromHeader"/> needs.</summary>
    static abstract int HeaderSize { get; }

    /// <summary>Gets the bytes that <see cref="WriteTo(Span{byte})"/> writes.</summary>
    int SerializedSize { get; }

    /// <summary>Validates a header and returns the total serialised size it announces.</summary>
    static abstract int SerializedSizeFromHeader(ReadOnlySpan<byte> header);

    /// <summary>Reads a sketch written by <see cref="WriteTo(Span{byte})"/>.</summary>
    static abstract TSelf ReadFrom(ReadOnlySpan<byte> source, out int bytesRead);

    /// <summary>Writes the sketch and returns the bytes written.</summary>
    int WriteTo(Span<byte> destination);
}
