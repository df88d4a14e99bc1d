using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DistillGuard.Ingest.Json;

/// <summary>
/// Writes JSON Lines to a stream through one reused <see cref="Utf8JsonWriter"/> and buffer, handing the stream
/// large chunks: the shared machinery of the JSON Lines writers.
/// </summary>
/// <remarks>
/// Text is escaped with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: non-ASCII prompts stay readable
/// and compact instead of turning into <c>\uXXXX</c> escapes. "Unsafe" refers to pasting the output into HTML,
/// which these files are not for; quotes, backslashes and control characters are still escaped, so every line is
/// valid JSON.
/// </remarks>
internal sealed class JsonLinesWriter : IDisposable, IAsyncDisposable
{
    /// <summary>The writer options shared by the project's JSON writers.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="JsonLinesWriter"/> class.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open when this writer is disposed.</param>
    public JsonLinesWriter(Stream stream, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("the stream is not writable", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>Starts a line.</summary>
    /// <returns>The JSON writer to write exactly one value with.</returns>
    public Utf8JsonWriter BeginLine()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _json.Reset();
        return _json;
    }

    /// <summary>Ends the line begun with <see cref="BeginLine"/>.</summary>
    public void EndLine()
    {
        _json.Flush();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            WriteBuffer();
        }
    }

    /// <summary>Writes what is buffered and flushes the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteBuffer();
        _stream.Flush();
    }

    /// <summary>Writes what is buffered and flushes the stream.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the stream is flushed.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_buffer.WrittenCount > 0)
        {
            await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _buffer.ResetWrittenCount();
        }

        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes, and disposes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            _json.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    /// <summary>Flushes, and disposes the stream unless told to leave it open.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            await _json.DisposeAsync().ConfigureAwait(false);
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void WriteBuffer()
    {
        if (_buffer.WrittenCount > 0)
        {
            _stream.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }
}
