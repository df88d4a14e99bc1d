using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Gateway;

/// <summary>
/// Reads a request body as the gateway needs it: decoded (<c>Content-Encoding</c> <c>gzip</c>, <c>deflate</c> or
/// <c>br</c>), and never more than the body limit, decoded or not, so a small compressed body cannot expand into an
/// unbounded one (a decompression bomb stops at the limit).
/// </summary>
internal static class GatewayBodyReader
{
    private const int Chunk = 16 * 1024;

    /// <summary>Reads the body; on bad input answers why it is refused instead.</summary>
    public static async Task<(byte[]? Body, GatewayRefusal? Refusal)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        Stream? decoder = encoding.ToUpperInvariant() switch
        {
            "" or "IDENTITY" => null,
            "GZIP" or "X-GZIP" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "DEFLATE" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "BR" => new BrotliStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => Stream.Null,
        };
        if (decoder == Stream.Null)
        {
            return (null, new GatewayRefusal(
                StatusCodes.Status415UnsupportedMediaType,
                $"Content-Encoding '{encoding}' is not supported; send identity, gzip, deflate or br.",
                "invalid_request_error",
                "unsupported_content_encoding"));
        }

        var source = decoder ?? request.Body;
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 and <= Chunk * 64 ? (int)length : Chunk);
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(buffer.GetMemory(Chunk), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || (ex is InvalidOperationException && decoder is BrotliStream))
        {
            // Gzip and deflate report bad data as InvalidDataException; Brotli as InvalidOperationException ("Decoder ran
            // into invalid data").
            return (null, new GatewayRefusal(
                StatusCodes.Status400BadRequest,
                $"The body is not valid {encoding} data.",
                "invalid_request_error",
                "invalid_content_encoding"));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(maxBytes)
                : new GatewayRefusal(ex.StatusCode, ex.Message, "invalid_request_error", "bad_request"));
        }
        finally
        {
            if (decoder is not null)
            {
                await decoder.DisposeAsync().ConfigureAwait(false);
            }
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    private static GatewayRefusal TooLarge(long maxBytes) => new(
        StatusCodes.Status413PayloadTooLarge,
        $"The request body is larger than {maxBytes} bytes (decoded).",
        "invalid_request_error",
        "request_too_large");
}
