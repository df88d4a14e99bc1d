using System.Buffers;

namespace DistillGuard.Server.Gateway;

/// <summary>
/// Passes a response through unchanged, write by write and flush by flush (so streamed tokens reach the client when
/// the upstream sends them), while keeping a copy of the first bytes to read the usage from afterwards.
/// </summary>
internal sealed class ResponseCapture(Stream inner, int maxBytes) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes, 16 * 1024));
    private int _length;

    /// <summary>Gets whether more was written than was kept.</summary>
    public bool Truncated { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Gets the bytes kept.</summary>
    public ReadOnlySpan<byte> Captured => _buffer.AsSpan(0, _length);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        Keep(buffer.AsSpan(offset, count));
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Keep(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }

    private void Keep(ReadOnlySpan<byte> data)
    {
        var room = maxBytes - _length;
        if (data.Length > room)
        {
            Truncated = true;
            data = data[..Math.Max(0, room)];
        }

        if (data.IsEmpty)
        {
            return;
        }

        if (_length + data.Length > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes, Math.Max(_buffer.Length * 2, _length + data.Length)));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }
}
