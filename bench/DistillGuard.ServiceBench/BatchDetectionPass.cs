using System.Diagnostics;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Ingest;

namespace DistillGuard.ServiceBench;

/// <summary>
/// Pass (a): the batch detection pipeline in-process, as <c>distillguard detect</c> runs it (the CLI's
/// <c>DetectionPipeline</c>): the parallel reader parses and extracts features, one loop sequences and observes.
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
        await foreach (var batch in ExchangeStreamReader.ReadAsync(input, InputFormat.Exchange, FeatureExtractor.Extract, readerOptions, counters, cancellationToken).ConfigureAwait(false))
        {
            var lines = batch.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.IsAccepted)
                {
                    sequencer.Push(ExchangeObservation.Of(line.Exchange, line.Extracted), release);
                }
            }
        }

        sequencer.Flush(release);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new BatchDetectionRun(elapsed, sequencer.Accepted, counters.Rejected, sequencer.Duplicates, engine, counters.Lines, window.Stop());
    }
}
