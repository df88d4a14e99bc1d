using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DistillGuard.Cli.Commands;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Ingestion;

/// <summary>
/// Sends an exchange log of any size to a service's ingest endpoint in bodies no larger than
/// <see cref="IngestSettings.ChunkBytes"/>, each ending at a line boundary, one after the other; retries a body the
/// service answers 429 (after its <c>Retry-After</c>) or 503 (after a doubling wait) a bounded number of times.
/// </summary>
/// <remarks>
/// A body is sent only after the previous one was answered, so what the service acknowledged is always a prefix of
/// the input. Sending a body again is safe: the service drops exchanges whose id it already has and counts them as
/// duplicates. The input is read into one buffer of the chunk size; nothing is kept per line.
/// </remarks>
internal sealed class ExchangeUploader(HttpClient http, IngestSettings settings, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Sends <paramref name="input"/> to its end.</summary>
    /// <param name="input">The uncompressed input; not disposed.</param>
    /// <param name="summary">Receives the service's answers as they come (a progress display reads it).</param>
    /// <param name="progress">Receives the bytes read so far, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the upload between and during requests.</param>
    /// <exception cref="InputException">A line is longer than the chunk size.</exception>
    /// <exception cref="UsageException">The service cannot be reached, or answered a 4xx.</exception>
    /// <exception cref="IngestServiceException">The service answered a 5xx (after the retries, for 503).</exception>
    public async Task UploadAsync(Stream input, IngestSummary summary, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(summary);
        var buffer = new byte[checked((int)settings.ChunkBytes)];
        var filled = 0;
        var ended = false;
        long read = 0;
        while (true)
        {
            while (!ended && filled < buffer.Length)
            {
                var count = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                ended = count == 0;
                filled += count;
                read += count;
            }

            progress?.Invoke(read);
            if (filled == 0)
            {
                return;
            }

            var end = filled;
            if (!ended)
            {
                var lastNewline = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
                if (lastNewline < 0)
                {
                    throw new InputException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"line {summary.Lines + 1} is longer than the chunk size ({settings.ChunkBytes} bytes); raise --chunk-bytes (and the service's MaxRequestBodyBytes)"));
                }

                end = lastNewline + 1;
            }

            var body = buffer.AsMemory(0, end);
            var lines = body.Span.Count((byte)'\n') + (body.Span[^1] == (byte)'\n' ? 0 : 1);
            await SendAsync(body, summary, cancellationToken).ConfigureAwait(false);
            summary.Lines += lines;
            buffer.AsSpan(end, filled - end).CopyTo(buffer);
            filled -= end;
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> body, IngestSummary summary, CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        for (var attempt = 0; ; attempt++)
        {
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = Ndjson;
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync(settings.Endpoint, content, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new UsageException($"{settings.Endpoint}: cannot reach the service: {ex.Message}", ex);
            }

            using (response)
            {
                var status = response.StatusCode;
                if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < settings.Retries)
                {
                    var delay = RetryAfter(response) ?? backoff;
                    backoff += backoff;
                    summary.Retries++;
                    await Task.Delay(delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Add(summary, text);
                    return;
                }

                var message = string.Create(CultureInfo.InvariantCulture, $"POST {settings.Endpoint}: {(int)status} {ErrorMessage(text)} (body {summary.Bodies + 1}, from line {summary.Lines + 1})");
                if ((int)status is >= 400 and < 500)
                {
                    throw new UsageException(message);
                }

                throw new IngestServiceException(message);
            }
        }
    }

    private static void Add(IngestSummary summary, string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            summary.Accepted += root.GetProperty("accepted").GetInt64();
            summary.Duplicates += root.GetProperty("duplicates").GetInt64();
            foreach (var rejection in root.GetProperty("rejected").EnumerateArray())
            {
                summary.Rejected++;
                if (summary.FirstRejections.Count < IngestSummary.KeptRejections)
                {
                    summary.FirstRejections.Add((summary.Lines + rejection.GetProperty("line").GetInt64(), rejection.GetProperty("reason").GetString() ?? string.Empty));
                }
            }

            summary.Bodies++;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IngestServiceException($"body {summary.Bodies + 1}: the service's answer is not an ingest answer ({ex.Message})", ex);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not the service's error shape: quote the body as it came.
        }

        return body.ReplaceLineEndings(" ").Trim();
    }
}
