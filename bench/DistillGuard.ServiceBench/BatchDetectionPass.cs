using System.Diagnostics;
using DistillGuard.Core.Engine;
using DistillGuard.Ingest;

namespace DistillGuard.ServiceBench;

/// <summary>
/// Pass (a): the batch detection pipeline in-process, as <c>distillguard detect</c> runs it: a
/// <see cref="DetectionSession"/> over the corpus (the parallel reader parses lines into observations, one loop sequences
/// and observes them), flushed at the end.
/// </summary>
public static class BatchDetectionPass
{
    /// <summary>Runs detection over the whole corpus.</summary>
    public static async Task<BatchDetectionRun> RunAsync(TrafficCorpus corpus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var window = ProcessActivity.Start();
        var started = Stopwatch.GetTimestamp();
        var session = new DetectionSession(new DetectionOptions());
        var counters = new ExchangeReadCounters();
        using var input = new MemoryStream(corpus.Bytes, writable: false);
        await session.ReadAsync(input, InputFormat.Exchange, counters: counters, cancellationToken: cancellationToken).ConfigureAwait(false);
        session.Flush();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new BatchDetectionRun(elapsed, session.Sequencer.Accepted, counters.Rejected, session.Sequencer.Duplicates, session.Engine, counters.Lines, window.Stop());
    }
}
