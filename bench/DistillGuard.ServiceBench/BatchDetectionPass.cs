using System.Diagnostics;
using DistillGuard.Core.Engine;
using DistillGuard.Ingest;

namespace DistillGuard.ServiceBench;

/// <summary>
/// Pass (a): the batch detection pipeline in-process, as <c>distillguard detect</c> runs it (the CLI's
/// <c>DetectionPipeline</c>): the parallel reader parses lines into observations, one loop sequences and observes them.
/// </summary>
public static class BatchDetectionPass
{
    /// <summary>Runs detection over the whole corpus.</summary>
    public static async Task<BatchDetectionRun> RunAsync(TrafficCorpus corpus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var window = ProcessActivity.Start();
        var started = Stopwatch.GetTimestamp();
        var options = new DetectionOptions();
        var engine = new DetectionEngine(options);
        var sequencer = new ExchangeSequencer(options);
        ObservationHandler release = engine.Observe;
        var counters = new ExchangeReadCounters();
        var readerOptions = new ExchangeReaderOptions { KeepTexts = false };
        using var input = new MemoryStream(corpus.Bytes, writable: false);
        await foreach (var batch in ExchangeStreamReader.ReadObservationsAsync(input, InputFormat.Exchange, readerOptions, counters, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                foreach (ref readonly var observation in batch.Observations)
                {
                    sequencer.Push(observation, release);
                }
            }
        }

        sequencer.Flush(release);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new BatchDetectionRun(elapsed, sequencer.Accepted, counters.Rejected, sequencer.Duplicates, engine, counters.Lines, window.Stop());
    }
}
