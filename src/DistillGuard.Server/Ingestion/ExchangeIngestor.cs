using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Ingest;
using DistillGuard.Ingest.LiteLlm;
using DistillGuard.Server.Api;
using DistillGuard.Server.Engine;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Ingestion;

/// <summary>
/// Turns an ingest body into stored, observed exchanges: <c>dg-exchange/1</c> lines through the same parallel reader as
/// <c>distillguard detect</c>, or a LiteLLM callback's JSON array of <c>StandardLoggingPayload</c>. Bad lines are
/// rejected with their number and reason and never stored.
/// </summary>
/// <remarks>
/// A body is accepted or refused as a whole: it is read and every line checked to its end (within the request size
/// limit) before anything is committed, and its exchanges are then journalled in one transaction. A body that
/// cannot be read to its end (over the size limit: 413; a corrupt gzip stream: 400) commits nothing, so a client
/// told to resend it does not double what it sent. The body's exchanges are held in memory meanwhile, without their
/// texts unless prompt storage is on; the size limit bounds them.
/// </remarks>
internal sealed class ExchangeIngestor(EngineHost host, IngestWriter writer, IngestScheduler scheduler, IOptions<EngineHostOptions> options) : IDisposable
{
    private readonly int _bodiesAtOnce = options.Value.IngestBodiesAtOnce();
    private readonly SemaphoreSlim _bodies = new(options.Value.IngestBodiesAtOnce(), options.Value.IngestBodiesAtOnce());

    /// <summary>Gets how many bodies are being ingested now (admitted, not finished).</summary>
    internal int BodiesInProgress => _bodiesAtOnce - _bodies.CurrentCount;
    private readonly bool _keepTexts = options.Value.StorePromptText;

    /// <summary>Ingests a body of lines: <c>dg-exchange/1</c>, or LiteLLM payloads one per line (its <c>ndjson</c> log format).</summary>
    /// <exception cref="InputException">The body cannot be read (for example a corrupt gzip stream).</exception>
    public Task<IngestOutcome> IngestLinesAsync(Stream body, InputFormat format, CancellationToken cancellationToken) =>
        AdmittedAsync(() => ReadLinesAsync(body, format, cancellationToken), cancellationToken);

    /// <summary>Ingests a LiteLLM generic-API callback body: a JSON array of payloads (or one payload object).</summary>
    /// <exception cref="JsonException">The body is not JSON, or not an array or object.</exception>
    public Task<IngestOutcome> IngestLiteLlmAsync(JsonDocument body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return AdmittedAsync(() => ReadLiteLlmAsync(body, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _bodies.Dispose();

    /// <summary>
    /// Runs a body's ingestion on the ingest scheduler once fewer than <see cref="EngineHostOptions.MaxConcurrentIngestBodies"/>
    /// bodies are being ingested; the others wait their turn (their clients' requests stay open meanwhile).
    /// </summary>
    private async Task<IngestOutcome> AdmittedAsync(Func<Task<IngestOutcome>> work, CancellationToken cancellationToken)
    {
        await _bodies.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await scheduler.RunAsync(work).ConfigureAwait(false);
        }
        finally
        {
            _bodies.Release();
        }
    }

    /// <summary>
    /// Ingests exchanges already built, with their features (<see cref="FeatureExtractor.Extract"/>), as the gateway
    /// records what it served: their timestamps are checked against the window in order, the rest are journalled in one
    /// transaction and pushed into the detection session like any ingested line.
    /// </summary>
    /// <param name="exchanges">The exchanges; an exchange's messages may be empty when prompt text is not stored.</param>
    /// <param name="cancellationToken">Cancels waiting for the journal.</param>
    /// <returns>The counts; a rejected exchange's number is its 1-based index in <paramref name="exchanges"/>.</returns>
    public Task<IngestOutcome> IngestExchangesAsync(IReadOnlyList<(Exchange Exchange, ExchangeFeatures Features)> exchanges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        return scheduler.RunAsync(() => ObserveExchangesAsync(exchanges, cancellationToken));
    }

    // The work runs on the ingest scheduler and stays there (ConfigureAwait(true)): see IngestScheduler.
    private async Task<IngestOutcome> ReadLinesAsync(Stream body, InputFormat format, CancellationToken cancellationToken)
    {
        // Batches whose parsed lines stay under the large-object threshold (a parsed line with its features is about
        // 150 bytes): large arrays allocated per batch keep the service in blocking full collections (see PooledList).
        var readerOptions = new ExchangeReaderOptions
        {
            KeepTexts = _keepTexts,
            MaxDegreeOfParallelism = Math.Min(2, Environment.ProcessorCount),
            MaxBatchLines = 512,
            MaxBatchBytes = 1024 * 1024,
            LatestBefore = host.WindowStart,
            Scheduler = scheduler,
        };
        var rejected = new List<RejectedLineDto>();
        long accepted = 0, duplicates = 0;
        using var items = new PooledList<(Exchange, ExchangeFeatures)>();
        long rejectedCount = 0;
        // Without prompt storage, the parser extracts features in the same pass and keeps no message text.
        var batches = _keepTexts
            ? ExchangeStreamReader.ReadAsync(body, format, FeatureExtractor.Extract, readerOptions, null, cancellationToken)
            : ExchangeStreamReader.ReadWithFeaturesAsync(body, format, readerOptions, null, cancellationToken);
        await foreach (var batch in batches.ConfigureAwait(true))
        {
            rejectedCount += batch.Rejected;
            foreach (var line in batch.Lines)
            {
                if (line.IsAccepted)
                {
                    items.Add((line.Exchange, line.Extracted!));
                }
                else
                {
                    rejected.Add(new RejectedLineDto { Line = line.LineNumber, Reason = line.Rejection.Reason });
                }
            }
        }

        // The whole body was read and checked: now one transaction.
        var statuses = await writer.WriteAsync(items, rejectedCount, cancellationToken).ConfigureAwait(true);
        Count(statuses, ref accepted, ref duplicates);
        return new IngestOutcome(accepted, duplicates, rejected);
    }

    private async Task<IngestOutcome> ReadLiteLlmAsync(JsonDocument body, CancellationToken cancellationToken)
    {
        var root = body.RootElement;
        var payloads = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => throw new JsonException($"expected a JSON array of StandardLoggingPayload objects, not {root.ValueKind}"),
        };

        var rejected = new List<RejectedLineDto>();
        var items = new List<(Exchange, ExchangeFeatures)>(payloads.Count);
        var window = new TimestampWindow(new ExchangeReaderOptions(), host.WindowStart);
        for (var i = 0; i < payloads.Count; i++)
        {
            if (TryRead(payloads[i], window, out var exchange, out var error))
            {
                items.Add((exchange, FeatureExtractor.Extract(exchange)));
            }
            else
            {
                rejected.Add(new RejectedLineDto { Line = i + 1, Reason = error });
            }
        }

        long accepted = 0, duplicates = 0;
        var flags = await writer.WriteAsync(items, rejected.Count, cancellationToken).ConfigureAwait(true);
        Count(flags, ref accepted, ref duplicates);
        return new IngestOutcome(accepted, duplicates, rejected);
    }

    private async Task<IngestOutcome> ObserveExchangesAsync(IReadOnlyList<(Exchange Exchange, ExchangeFeatures Features)> exchanges, CancellationToken cancellationToken)
    {
        var rejected = new List<RejectedLineDto>();
        var items = new List<(Exchange, ExchangeFeatures)>(exchanges.Count);
        var window = new TimestampWindow(new ExchangeReaderOptions(), host.WindowStart);
        for (var i = 0; i < exchanges.Count; i++)
        {
            if (window.TryAccept(exchanges[i].Exchange.Timestamp, out var reason))
            {
                items.Add(exchanges[i]);
            }
            else
            {
                rejected.Add(new RejectedLineDto { Line = i + 1, Reason = reason });
            }
        }

        long accepted = 0, duplicates = 0;
        var statuses = await writer.WriteAsync(items, rejected.Count, cancellationToken).ConfigureAwait(true);
        Count(statuses, ref accepted, ref duplicates);
        return new IngestOutcome(accepted, duplicates, rejected);
    }

    /// <summary>Parses one payload of a callback body and checks its timestamp, in the body's order.</summary>
    private static bool TryRead(JsonElement payload, TimestampWindow window, [NotNullWhen(true)] out Exchange? exchange, [NotNullWhen(false)] out string? error)
    {
        if (!LiteLlmPayloadParser.TryParse(payload, out exchange, out error))
        {
            return false;
        }

        if (!window.TryAccept(exchange.Timestamp, out error))
        {
            exchange = null;
            return false;
        }

        return true;
    }

    private static void Count(IngestStatus[] statuses, ref long accepted, ref long duplicates)
    {
        foreach (var status in statuses)
        {
            // Rejected here only if the window moved between the reader's check and the journal's (it only widens).
            if (status == IngestStatus.Stored)
            {
                accepted++;
            }
            else if (status == IngestStatus.Duplicate)
            {
                duplicates++;
            }
        }
    }
}
