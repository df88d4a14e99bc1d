using DistillGuard.Ingest.Reading;

namespace DistillGuard.Ingest.Tests.Reading;

/// <summary>A read-only stream that hands out its bytes in small chunks and can fail at a given position.</summary>
internal sealed class ChunkedStream(byte[] data, int chunk, int failAfter = -1, Exception? failure = null) : ReadOnlyStream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (failAfter >= 0 && _position >= failAfter)
        {
            throw failure!;
        }

        int count = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
        data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

}
