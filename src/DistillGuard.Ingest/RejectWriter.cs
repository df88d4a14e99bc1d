using DistillGuard.Ingest.Json;
using DistillGuard.Ingest.Reading;

namespace DistillGuard.Ingest;

/// <summary>
/// Writes rejected lines as JSON Lines: <c>{"line":N,"reason":"...","raw":"..."}</c>, <c>raw</c> being the line as
/// read, cut to its first 4096 characters.
/// </summary>
public sealed class RejectWriter : IDisposable, IAsyncDisposable
{
    private readonly JsonLinesWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="RejectWriter"/> class.</summary>
    /// <param name="stream">A writable stream, for example the reject file.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open when the writer is disposed.</param>
    public RejectWriter(Stream stream, bool leaveOpen = false)
    {
        _writer = new JsonLinesWriter(stream, leaveOpen);
    }

    /// <summary>Writes one rejected line.</summary>
    /// <param name="rejection">The rejected line.</param>
    public void Write(RejectedLine rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var json = _writer.BeginLine();
        json.WriteStartObject();
        json.WriteNumber("line"u8, rejection.LineNumber);
        json.WriteString("reason"u8, rejection.Reason);
        json.WriteString("raw"u8, RawLineText.Truncate(rejection.Raw));
        json.WriteEndObject();
        _writer.EndLine();
    }

    /// <summary>Writes what is buffered to the stream and flushes it.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Writes what is buffered to the stream and flushes it.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the stream is flushed.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
