using System.Text.Json;
using System.Threading.Channels;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Ingestion;
using DistillGuard.Server.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Gateway;

/// <summary>
/// Records what the gateway served into the engine, off the request path: each served exchange becomes an
/// <see cref="Exchange"/> (the request as served, read as the <c>dg-exchange/1</c> reader reads one; the status, and
/// the usage and finish reason read from the JSON answer or the stream's chunks) with its features, ingested in batches
/// through the engine host.
/// </summary>
internal sealed partial class GatewayRecorder(
    EngineHost host,
    IngestScheduler scheduler,
    IOptions<GatewayOptions> options,
    IOptions<EngineHostOptions> engineOptions,
    DistillGuardMetrics metrics,
    ILogger<GatewayRecorder> logger) : BackgroundService
{
    private const int BatchSize = 256;
    private readonly Channel<ServedExchange> _queue = Channel.CreateBounded<ServedExchange>(
        new BoundedChannelOptions(options.Value.RecorderQueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly bool _keepTexts = engineOptions.Value.StorePromptText;
    private readonly JsonDocumentOptions _documentOptions = new() { MaxDepth = options.Value.MaxBodyDepth };
    private readonly TimeSpan _linger = options.Value.RecordLinger;
    private long _dropped;
    private long _enqueued;
    private long _processed;

    /// <summary>Queues a served exchange; never blocks (a full queue drops it and counts it).</summary>
    public void Enqueue(ServedExchange served)
    {
        if (_queue.Writer.TryWrite(served))
        {
            Interlocked.Increment(ref _enqueued);
            metrics.QueueChanged(1);
        }
        else if (Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            LogDropped(logger, Interlocked.Read(ref _dropped));
        }
    }

    /// <summary>Waits until everything queued before the call has been recorded (or dropped as unparsable).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _processed) < target)
        {
            // Real time on purpose: this waits for the background writer, not for the service's (possibly fake) clock.
            await Task.Delay(TimeSpan.FromMilliseconds(2), cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    // Recording is ingest: it runs on the ingest scheduler, below the request path's priority, and stays there
    // (ConfigureAwait(true)).
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => scheduler.RunAsync(() => RecordAsync(stoppingToken));

    private async Task RecordAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(Exchange, ExchangeFeatures)>(BatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(true))
        {
            // Let a batch gather for a moment: at hundreds of requests a second, one transaction (one fsync) a request
            // would cost the request path CPU for nothing. Real time on purpose: the service's clock may be a test's.
            if (reader.Count < BatchSize && !stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(_linger, stoppingToken).ConfigureAwait(true);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: record what is queued now.
                }
            }

            batch.Clear();
            var taken = 0;
            while (batch.Count < BatchSize && reader.TryRead(out var served))
            {
                taken++;
                if (ToExchange(served) is { } exchange)
                {
                    batch.Add((exchange, FeatureExtractor.Extract(exchange)));
                }
            }

            try
            {
                await host.IngestAsync(batch, taken - batch.Count, CancellationToken.None).ConfigureAwait(true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRecordFailed(logger, ex, batch.Count);
            }
            finally
            {
                metrics.QueueChanged(-taken);
                Interlocked.Add(ref _processed, taken);
            }
        }
    }

    private Exchange? ToExchange(ServedExchange served)
    {
        ChatRequest? request;
        string? error;
        try
        {
            using var document = JsonDocument.Parse(served.Request, _documentOptions);
            request = ServedRequestReader.Read(document.RootElement, _keepTexts, out error);
        }
        catch (JsonException ex)
        {
            request = null;
            error = "the request is not JSON: " + ex.Message;
        }

        if (request is null)
        {
            LogUnparsable(logger, error ?? "no request");
            return null;
        }

        var (usage, finish) = served.EventStream ? ReadStream(served.Response) : ReadAnswer(served.Response);

        // Microseconds, as a log line's ts holds: recorded and replayed exchanges look alike.
        var timestamp = served.Timestamp.UtcDateTime;
        timestamp = timestamp.AddTicks(-(timestamp.Ticks % 10));
        return new Exchange
        {
            Id = "gw_" + Guid.CreateVersion7(served.Timestamp).ToString("N"),
            Timestamp = new DateTimeOffset(timestamp, TimeSpan.Zero),
            AccountId = served.AccountId,
            EndUserId = served.EndUserId,
            Client = served.ClientIp is null && served.UserAgent is null ? null : new ClientInfo { Ip = served.ClientIp, UserAgent = served.UserAgent },
            Request = request,
            Response = new ResponseInfo
            {
                Status = served.Status,
                FinishReason = finish,
                PromptTokens = usage?.Prompt,
                CompletionTokens = usage?.Completion,
                ReasoningTokens = usage?.Reasoning,
                LatencyMs = Math.Round(served.LatencyMs, 3),
            },
        };
    }

    private static (Usage? Usage, string? Finish) ReadAnswer(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return Read(document.RootElement, null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static (Usage? Usage, string? Finish) ReadStream(ReadOnlySpan<byte> body)
    {
        Usage? usage = null;
        string? finish = null;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].TrimEnd((byte)'\r');
            if (!line.StartsWith("data:"u8))
            {
                continue;
            }

            var data = line[5..].TrimStart((byte)' ');
            if (data.SequenceEqual("[DONE]"u8))
            {
                break;
            }

            try
            {
                var reader = new Utf8JsonReader(data);
                using var chunk = JsonDocument.ParseValue(ref reader);
                (usage, finish) = Read(chunk.RootElement, usage, finish);
            }
            catch (JsonException)
            {
                // A chunk cut by the capture limit or not JSON: the rest still counts.
            }
        }

        return (usage, finish);
    }

    private static (Usage? Usage, string? Finish) Read(JsonElement root, Usage? usage, string? finish)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (usage, finish);
        }

        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String)
                {
                    finish = reason.GetString();
                }
            }
        }

        if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object
            && u.TryGetProperty("prompt_tokens", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var prompt)
            && u.TryGetProperty("completion_tokens", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var completion))
        {
            int? reasoning = u.TryGetProperty("completion_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("reasoning_tokens", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var rt) ? rt : null;
            usage = new Usage(prompt, completion, reasoning);
        }

        return (usage, finish);
    }

    private readonly record struct Usage(int Prompt, int Completion, int? Reasoning);

    [LoggerMessage(1, LogLevel.Warning, "The gateway's recording queue is full: {Dropped} served exchanges were not recorded so far")]
    private static partial void LogDropped(ILogger logger, long dropped);

    [LoggerMessage(2, LogLevel.Error, "Could not record {Count} served exchanges")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(3, LogLevel.Warning, "A served exchange could not be recorded: {Reason}")]
    private static partial void LogUnparsable(ILogger logger, string reason);
}
