using DistillGuard.Core.Engine;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Detection;

/// <summary>
/// The batch detection pipeline that <c>detect</c>, <c>demo</c> and <c>bench</c> share: the parallel reader parses
/// lines and extracts features on worker threads, and one loop puts the exchanges in order and feeds the engine.
/// </summary>
/// <remarks>
/// The reader overlaps parsing with detection: while this loop feeds one batch to the engine, the workers parse the
/// next ones. The loop itself stays single-threaded (the engine is not thread-safe) and allocates nothing per
/// exchange: the release delegate is made once, and the observations are values read in place from the batch's
/// pooled array.
/// </remarks>
internal static class DetectionPipeline
{
    /// <summary>Reads <paramref name="input"/> to its end and runs detection over it.</summary>
    /// <param name="input">The uncompressed input, for example from <see cref="ExchangeInput.Open(string)"/>; not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="rejects">Receives each rejected line, in input order, or <see langword="null"/>.</param>
    /// <param name="counters">Counters the reader updates as it goes (a progress display reads them), or <see langword="null"/>.</param>
    /// <param name="options">The engine's options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The engine with everything observed, and the counts.</returns>
    /// <exception cref="InputException">The input cannot be read further.</exception>
    public static async Task<DetectionRun> RunAsync(
        Stream input,
        InputFormat format,
        Action<RejectedLine>? rejects = null,
        ExchangeReadCounters? counters = null,
        DetectionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var engine = new DetectionEngine(options);
        var sequencer = new ExchangeSequencer(options);
        ObservationHandler release = engine.Observe;
        counters ??= new ExchangeReadCounters();

        // Detection never reads answers, assistant turns or ids: the reader validates them, hashes the id and extracts
        // the features of the current prompt on its workers, and hands over values in pooled arrays, not exchanges.
        var readerOptions = new ExchangeReaderOptions { KeepTexts = false };
        var batches = ExchangeStreamReader.ReadObservationsAsync(input, format, readerOptions, counters, cancellationToken);
        await foreach (var batch in batches.ConfigureAwait(false))
        {
            using (batch)
            {
                foreach (ref readonly var observation in batch.Observations)
                {
                    sequencer.Push(observation, release);
                }

                if (rejects is not null)
                {
                    foreach (var rejection in batch.Rejections)
                    {
                        rejects(rejection);
                    }
                }
            }
        }

        sequencer.Flush(release);
        return new DetectionRun(engine, sequencer, counters.Lines, counters.Rejected);
    }
}
