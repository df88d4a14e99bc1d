using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using System.Diagnostics.CodeAnalysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Ingest.Exchanges;
using DistillGuard.Ingest.LiteLlm;
using DistillGuard.Ingest.Reading;

namespace DistillGuard.Ingest;

/// <summary>
/// Reads an input of exchanges, one per line, parsing batches of lines in parallel and handing the results
/// back in input order.
/// </summary>
/// <remarks>
/// <para>
/// Three stages overlap: one producer task reads batches of lines (<see cref="ExchangeReaderOptions.MaxBatchLines"/>
/// lines in a pooled buffer); up to <see cref="ExchangeReaderOptions.MaxDegreeOfParallelism"/> worker tasks parse
/// them and run the caller's extract function on each exchange; the consumer enumerates the results, one batch
/// at a time, in input order. The producer registers each batch's pending result in a bounded channel
/// (<see cref="ExchangeReaderOptions.MaxBatchesInFlight"/>) before handing the batch to the workers, so that the
/// consumer can await them in order and a slow consumer stops the reading: memory stays bounded whatever the
/// size of the input. A batch's buffer goes back to the pool once the consumer has taken the batch; a rejected line
/// keeps only its first 4096 characters.
/// </para>
/// <para>
/// Timestamps are checked where the batches come back in input order, against a <see cref="TimestampWindow"/>
/// (<see cref="ExchangeReaderOptions.MinTimestamp"/>, <see cref="ExchangeReaderOptions.MaxTimestampLead"/>): an
/// exchange outside it is rejected like any bad line, and which exchange is "the latest accepted" is decided in input
/// order, so the outcome does not depend on how the workers' parsing interleaves.
/// </para>
/// <para>
/// A bad line is rejected and reading goes on. An input that cannot be read further (a corrupt gzip stream)
/// ends the enumeration with an <see cref="InputException"/> after every batch read before the failure has been
/// handed out, so nothing accepted before it is lost. An exception thrown by the extract function ends it
/// too, in order. Stopping the enumeration early cancels the producer and workers and returns their buffers.
/// </para>
/// </remarks>
public static class ExchangeStreamReader
{
    /// <summary>Reads <paramref name="input"/> to its end.</summary>
    /// <typeparam name="T">What <paramref name="extract"/> returns for each exchange.</typeparam>
    /// <param name="input">The input, for example from <see cref="ExchangeInput.Open(string)"/>; not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="extract">Runs on a worker task for each exchange parsed, for example to extract detection features
    /// in parallel; it must be thread-safe.</param>
    /// <param name="options">Limits, batching and parallelism; defaults if <see langword="null"/>.</param>
    /// <param name="counters">Counters updated as each batch is handed out, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The batches, in input order.</returns>
    /// <exception cref="InputException">The input could not be read further (thrown during enumeration).</exception>
    public static IAsyncEnumerable<ParsedBatch<T>> ReadAsync<T>(
        Stream input,
        InputFormat format,
        Func<Exchange, T> extract,
        ExchangeReaderOptions? options = null,
        ExchangeReadCounters? counters = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extract);
        options = Checked(input, format, options);
        bool keepTexts = options.KeepTexts;
        return ReadCoreAsync(input, () => Lines(new ExtractingLineParser<T>(format, keepTexts, extract)), Admit, options, counters is null ? null : counters.Add, cancellationToken);
    }

    /// <summary>
    /// Reads <paramref name="input"/> to its end and extracts each exchange's detection features: the batch detection
    /// path, equivalent to <see cref="ReadAsync{T}"/> with <see cref="FeatureExtractor.Extract"/> but faster.
    /// </summary>
    /// <param name="input">The input, for example from <see cref="ExchangeInput.Open(string)"/>; not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="options">Limits, batching and parallelism; defaults if <see langword="null"/>.</param>
    /// <param name="counters">Counters updated as each batch is handed out, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The batches, in input order: the same lines accepted and rejected, and the same features, as
    /// <see cref="ReadAsync{T}"/> gives.</returns>
    /// <exception cref="InputException">The input could not be read further (thrown during enumeration).</exception>
    /// <remarks>
    /// <c>dg-exchange/1</c> lines go through <see cref="DgExchangeParser.TryParseWithFeatures"/>, which decodes only
    /// the current prompt into a reused buffer: the exchanges handed out have empty
    /// <see cref="ChatRequest.Messages"/>, since their features already hold what detection reads of them. LiteLLM
    /// payloads are parsed as by <see cref="ReadAsync{T}"/>, messages and all.
    /// </remarks>
    public static IAsyncEnumerable<ParsedBatch<ExchangeFeatures>> ReadWithFeaturesAsync(
        Stream input,
        InputFormat format,
        ExchangeReaderOptions? options = null,
        ExchangeReadCounters? counters = null,
        CancellationToken cancellationToken = default)
    {
        options = Checked(input, format, options);
        bool keepTexts = options.KeepTexts;
        Func<Func<LineBatch, ParsedBatch<ExchangeFeatures>>> workers = format == InputFormat.Exchange
            ? () => Lines(new FeatureLineParser(keepTexts))
            : () => Lines(new ExtractingLineParser<ExchangeFeatures>(format, keepTexts, FeatureExtractor.Extract));
        return ReadCoreAsync(input, workers, Admit, options, counters is null ? null : counters.Add, cancellationToken);
    }

    /// <summary>
    /// Reads <paramref name="input"/> to its end into what detection reads of each exchange: the batch detection path,
    /// which makes no <see cref="Exchange"/> for the usual <c>dg-exchange/1</c> line.
    /// </summary>
    /// <param name="input">The input, for example from <see cref="ExchangeInput.Open(string)"/>; not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="options">Limits, batching and parallelism; defaults if <see langword="null"/>. Texts are never kept.</param>
    /// <param name="counters">Counters updated as each batch is handed out, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>
    /// The batches, in input order: the same lines accepted and rejected as <see cref="ReadWithFeaturesAsync"/> gives,
    /// and for each accepted line <see cref="ExchangeObservation.Of"/> of its exchange and features. Dispose each batch
    /// when done with it, to return its array.
    /// </returns>
    /// <exception cref="InputException">The input could not be read further (thrown during enumeration).</exception>
    public static IAsyncEnumerable<ObservationBatch> ReadObservationsAsync(
        Stream input,
        InputFormat format,
        ExchangeReaderOptions? options = null,
        ExchangeReadCounters? counters = null,
        CancellationToken cancellationToken = default)
    {
        options = Checked(input, format, options);
        Func<Func<LineBatch, ObservationBatch>> workers = format == InputFormat.Exchange
            ? () =>
            {
                var parser = new DgExchangeParser(keepTexts: false);
                return batch => Observations(batch, parser.TryParseObservation);
            }
            : () => batch => Observations(batch, TryParseLiteLlmObservation);
        return ReadCoreAsync(input, workers, Admit, options, counters is null ? null : counters.Add, cancellationToken);
    }

    /// <summary>Checks a reader's arguments, and gives the options to read with (the defaults if none).</summary>
    private static ExchangeReaderOptions Checked(Stream input, InputFormat format, ExchangeReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "unknown input format");
        }

        options ??= new ExchangeReaderOptions();
        options.Validate();
        return options;
    }

    /// <summary>Reads the input in batches that the workers parse, each with a parse function of its own.</summary>
    /// <typeparam name="TBatch">What a worker makes of a batch of lines.</typeparam>
    /// <param name="input">The input.</param>
    /// <param name="workers">Makes one worker's parse function (called once per worker, so it need not be thread-safe).</param>
    /// <param name="admit">Checks a parsed batch's timestamps against the window, in input order, given the batch's lines.</param>
    /// <param name="options">Limits, batching and parallelism.</param>
    /// <param name="handedOut">Told of each batch as it is handed out (the counters), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    private static async IAsyncEnumerable<TBatch> ReadCoreAsync<TBatch>(
        Stream input,
        Func<Func<LineBatch, TBatch>> workers,
        Func<TBatch, LineBatch, TimestampWindow, TBatch> admit,
        ExchangeReaderOptions options,
        Action<TBatch>? handedOut,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new TimestampWindow(options, options.LatestBefore);
        var inOrder = Channel.CreateBounded<WorkItem<TBatch>>(
            new BoundedChannelOptions(options.MaxBatchesInFlight) { SingleReader = true, SingleWriter = true });
        var work = Channel.CreateUnbounded<WorkItem<TBatch>>(new UnboundedChannelOptions { SingleWriter = true });

        var tasks = new Task[options.MaxDegreeOfParallelism + 1];
        // With a scheduler (the service's ingest threads, below the request path's priority) the producer's line
        // splitting and the workers' parsing run there and stay there across their awaits.
        tasks[0] = options.Scheduler is { } producerScheduler
            ? Task.Factory.StartNew(() => ProduceAsync(input, options, inOrder.Writer, work.Writer, true, stop.Token), CancellationToken.None, TaskCreationOptions.DenyChildAttach, producerScheduler).Unwrap()
            : Task.Run(() => ProduceAsync(input, options, inOrder.Writer, work.Writer, false, stop.Token), CancellationToken.None);
        for (int i = 1; i < tasks.Length; i++)
        {
            tasks[i] = options.Scheduler is { } scheduler
                ? Task.Factory.StartNew(() => WorkAsync(workers, work.Reader, true, stop.Token), CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap()
                : Task.Run(() => WorkAsync(workers, work.Reader, false, stop.Token), CancellationToken.None);
        }

        try
        {
            await foreach (WorkItem<TBatch> pending in inOrder.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                TBatch batch;
                try
                {
                    // The lines' bytes are still there, for the raw text of a line the window rejects.
                    batch = admit(await pending.Result.Task.ConfigureAwait(false), pending.Batch, window);
                }
                finally
                {
                    pending.Batch.Dispose();
                }

                handedOut?.Invoke(batch);
                yield return batch;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);

            // Producer and workers never fault: they hand their errors to the consumer through the channels.
            await Task.WhenAll(tasks).ConfigureAwait(false);

            // Batches registered but never taken (the enumeration stopped early): their buffers go back to the pool.
            while (inOrder.Reader.TryRead(out WorkItem<TBatch>? left))
            {
                left.Batch.Dispose();
            }
        }
    }

    private static async Task ProduceAsync<TBatch>(
        Stream input,
        ExchangeReaderOptions options,
        ChannelWriter<WorkItem<TBatch>> inOrder,
        ChannelWriter<WorkItem<TBatch>> work,
        bool stayOnScheduler,
        CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            using var reader = new LineBatchReader(input, options);
            while (await reader.ReadBatchAsync(cancellationToken).ConfigureAwait(stayOnScheduler) is { } batch)
            {
                var item = new WorkItem<TBatch>(batch);
                try
                {
                    await inOrder.WriteAsync(item, cancellationToken).ConfigureAwait(stayOnScheduler);
                }
                catch
                {
                    batch.Dispose();
                    throw;
                }

                work.TryWrite(item);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The consumer stopped; nobody waits for more.
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            work.TryComplete();
            inOrder.TryComplete(failure);
        }
    }

    private static async Task WorkAsync<TBatch>(
        Func<Func<LineBatch, TBatch>> workers,
        ChannelReader<WorkItem<TBatch>> work,
        bool stayOnScheduler,
        CancellationToken cancellationToken)
    {
        // Drains the channel even after cancellation, so that every batch gets a result. The consumer, not the worker,
        // returns a batch's buffers to the pool: it reads a rejected line's bytes when it checks the timestamps.
        Func<LineBatch, TBatch> parse = workers();
        await foreach (WorkItem<TBatch> item in work.ReadAllAsync(CancellationToken.None).ConfigureAwait(stayOnScheduler))
        {
            LineBatch batch = item.Batch;
            if (cancellationToken.IsCancellationRequested)
            {
                item.Result.TrySetCanceled(cancellationToken);
                continue;
            }

            try
            {
                item.Result.TrySetResult(parse(batch));
            }
            catch (Exception ex)
            {
                item.Result.TrySetException(ex);
            }
        }
    }

    /// <summary>Makes a worker's parse function of lines and what is extracted from them.</summary>
    private static Func<LineBatch, ParsedBatch<T>> Lines<T>(LineParser<T> parser) => batch => Parse(batch, parser);

    /// <summary>Parses a batch with the worker's parser.</summary>
    private static ParsedBatch<T> Parse<T>(LineBatch batch, LineParser<T> parser)
    {
        var lines = new ParsedLine<T>[batch.Count];
        for (int i = 0; i < lines.Length; i++)
        {
            LineEntry entry = batch.GetEntry(i);
            ReadOnlySpan<byte> bytes = batch.GetBytes(entry);
            if (entry.Rejection is { } reason)
            {
                lines[i] = new ParsedLine<T>(entry.LineNumber, null, default, new RejectedLine(entry.LineNumber, reason, RawLineText.From(bytes)));
            }
            else if (parser.TryParse(bytes, out Exchange? exchange, out T? extracted, out string? error))
            {
                lines[i] = new ParsedLine<T>(entry.LineNumber, exchange, extracted, null);
            }
            else
            {
                lines[i] = new ParsedLine<T>(entry.LineNumber, null, default, new RejectedLine(entry.LineNumber, error, RawLineText.From(bytes)));
            }
        }

        return new ParsedBatch<T>(lines, batch.FirstLineNumber, batch.LineCount);
    }

    /// <summary>Rejects, in input order, the accepted lines of a batch whose timestamp is outside the window.</summary>
    private static ParsedBatch<T> Admit<T>(ParsedBatch<T> parsed, LineBatch batch, TimestampWindow window)
    {
        ParsedLine<T>[] lines = parsed.LineArray;
        bool changed = false;
        for (int i = 0; i < lines.Length; i++)
        {
            ref ParsedLine<T> line = ref lines[i];
            if (line.IsAccepted && !window.TryAccept(line.Exchange.Timestamp, out string? reason))
            {
                // Lines are the batch's non-blank lines, one for one.
                ReadOnlySpan<byte> bytes = batch.GetBytes(batch.GetEntry(i));
                line = new ParsedLine<T>(line.LineNumber, null, default, new RejectedLine(line.LineNumber, reason, RawLineText.From(bytes)));
                changed = true;
            }
        }

        return changed ? new ParsedBatch<T>(lines, parsed.FirstLineNumber, parsed.LineCount) : parsed;
    }

    /// <summary>Rejects, in input order, the observations of a batch whose timestamp is outside the window.</summary>
    private static ObservationBatch Admit(ObservationBatch parsed, LineBatch batch, TimestampWindow window)
    {
        ReadOnlySpan<ExchangeObservation> observations = parsed.Observations;
        for (int k = 0; k < observations.Length; k++)
        {
            if (!window.TryAccept(observations[k].Timestamp, out string? reason))
            {
                parsed.Reject(k, reason, batch, window);
                break;
            }
        }

        return parsed;
    }

    /// <summary>Parses a batch into observations, written straight into the batch's pooled array.</summary>
    private static ObservationBatch Observations(LineBatch batch, ObservationParser parse)
    {
        ExchangeObservation[] observations = ArrayPool<ExchangeObservation>.Shared.Rent(Math.Max(1, batch.Count));
        int count = 0;
        List<RejectedLine>? rejections = null;
        for (int i = 0; i < batch.Count; i++)
        {
            LineEntry entry = batch.GetEntry(i);
            ReadOnlySpan<byte> bytes = batch.GetBytes(entry);
            if (entry.Rejection is { } reason)
            {
                (rejections ??= []).Add(new RejectedLine(entry.LineNumber, reason, RawLineText.From(bytes)));
            }
            else if (parse(bytes, out observations[count], out string? error))
            {
                count++;
            }
            else
            {
                (rejections ??= []).Add(new RejectedLine(entry.LineNumber, error, RawLineText.From(bytes)));
            }
        }

        return new ObservationBatch(observations, count, rejections, batch.FirstLineNumber, batch.LineCount);
    }

    private static bool TryParseLiteLlmObservation(ReadOnlySpan<byte> line, out ExchangeObservation observation, [NotNullWhen(false)] out string? error)
    {
        if (!LiteLlmPayloadParser.TryParse(line, out Exchange? exchange, out error))
        {
            observation = default;
            return false;
        }

        observation = ExchangeObservation.Of(exchange, FeatureExtractor.Extract(exchange));
        return true;
    }

    /// <summary>Parses one line into an observation, as <see cref="DgExchangeParser.TryParseObservation"/> does.</summary>
    private delegate bool ObservationParser(ReadOnlySpan<byte> line, out ExchangeObservation observation, [NotNullWhen(false)] out string? error);

    /// <summary>Parses lines into exchanges and what is extracted from them; one per worker, so it need not be thread-safe.</summary>
    private abstract class LineParser<T>
    {
        public abstract bool TryParse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out Exchange? exchange, out T? extracted, [NotNullWhen(false)] out string? error);
    }

    /// <summary>Parses with <see cref="DgExchangeParser.TryParse"/> or as a LiteLLM payload, then runs the caller's extract function.</summary>
    private sealed class ExtractingLineParser<T>(InputFormat format, bool keepTexts, Func<Exchange, T> extract) : LineParser<T>
    {
        private readonly DgExchangeParser? _exchangeParser = format == InputFormat.Exchange ? new DgExchangeParser(keepTexts) : null;

        public override bool TryParse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out Exchange? exchange, out T? extracted, [NotNullWhen(false)] out string? error)
        {
            bool parsed = _exchangeParser is not null
                ? _exchangeParser.TryParse(line, out exchange, out error)
                : LiteLlmPayloadParser.TryParse(line, out exchange, out error);
            extracted = parsed ? extract(exchange!) : default;
            return parsed;
        }
    }

    /// <summary>Parses <c>dg-exchange/1</c> lines and extracts their features in one pass.</summary>
    private sealed class FeatureLineParser(bool keepTexts) : LineParser<ExchangeFeatures>
    {
        private readonly DgExchangeParser _parser = new(keepTexts);

        public override bool TryParse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out Exchange? exchange, out ExchangeFeatures extracted, [NotNullWhen(false)] out string? error) =>
            _parser.TryParseWithFeatures(line, out exchange, out extracted, out error);
    }

    private sealed class WorkItem<TBatch>(LineBatch batch)
    {
        public LineBatch Batch { get; } = batch;

        public TaskCompletionSource<TBatch> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
