using System.Buffers;

namespace DistillGuard.Ingest.Reading;

/// <summary>
/// Consecutive lines of an input in a pooled buffer. Whoever holds a batch disposes it, which returns its
/// buffers to <see cref="ArrayPool{T}.Shared"/>; after that its lines must not be read.
/// </summary>
internal sealed class LineBatch : IDisposable
{
    private byte[]? _buffer;
    private LineEntry[]? _entries;

    /// <summary>Initializes a new instance of the <see cref="LineBatch"/> class over rented arrays.</summary>
    /// <param name="buffer">The rented buffer the lines are in.</param>
    /// <param name="entries">The rented array of entries, of which <paramref name="count"/> are used.</param>
    /// <param name="count">How many entries are used.</param>
    /// <param name="firstLineNumber">The number of the first line the batch covers.</param>
    /// <param name="lineCount">How many lines the batch covers, blank ones included.</param>
    public LineBatch(byte[] buffer, LineEntry[] entries, int count, long firstLineNumber, long lineCount)
    {
        _buffer = buffer;
        _entries = entries;
        Count = count;
        FirstLineNumber = firstLineNumber;
        LineCount = lineCount;
    }

    /// <summary>Gets how many non-blank lines the batch holds.</summary>
    public int Count { get; }

    /// <summary>Gets the number of the first line the batch covers.</summary>
    public long FirstLineNumber { get; }

    /// <summary>Gets how many lines the batch covers, blank lines included.</summary>
    public long LineCount { get; }

    /// <summary>Gets how many of the lines covered were blank (empty or white space only).</summary>
    public long BlankLines => LineCount - Count;

    /// <summary>Gets the entry of the <paramref name="index"/>th non-blank line.</summary>
    /// <param name="index">The index, below <see cref="Count"/>.</param>
    /// <returns>The entry.</returns>
    public LineEntry GetEntry(int index)
    {
        ObjectDisposedException.ThrowIf(_entries is null, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _entries[index];
    }

    /// <summary>Gets the bytes of a line, without its terminator.</summary>
    /// <param name="entry">An entry of this batch.</param>
    /// <returns>The line's UTF-8 bytes (for a rejected entry, its first bytes).</returns>
    public ReadOnlySpan<byte> GetBytes(in LineEntry entry)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        return _buffer.AsSpan(entry.Offset, entry.Length);
    }

    /// <summary>Returns the buffers to the pool.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        if (_entries is not null)
        {
            ArrayPool<LineEntry>.Shared.Return(_entries, clearArray: true);
            _entries = null;
        }
    }
}
