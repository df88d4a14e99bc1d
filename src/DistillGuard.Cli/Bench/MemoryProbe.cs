using System.Diagnostics;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;

namespace DistillGuard.Cli.Bench;

/// <summary>
/// Measures the engine's memory per subject: feeds a fresh <see cref="DetectionEngine"/> synthetic exchanges of many
/// accounts and compares the managed heap, after full collections, before and after.
/// </summary>
/// <remarks>
/// What is counted is everything the engine keeps: per-subject state, the account dictionary and the link index.
/// The generators and the static tables of feature extraction exist before the first measurement and after the
/// last, so they cancel out. Exchanges are made in chunks: a fixed number of generator streams, each owning a slice
/// of the chunk, generate and extract features in parallel (as the reader does; the output does not depend on the
/// number of cores), and one thread observes them in order. The sequencer is left out: it keeps ids for a window of stream time,
/// which depends on the traffic rate, not on the number of subjects.
/// </remarks>
internal static class MemoryProbe
{
    private const int Chunk = 8192;

    /// <summary>The generator streams; fixed, so that the exchanges do not depend on the machine.</summary>
    private const int Streams = 16;

    /// <summary>The stream time the synthetic exchanges are spread over.</summary>
    private static readonly TimeSpan Span = TimeSpan.FromDays(7);

    /// <summary>Runs the probe.</summary>
    /// <param name="subjects">How many accounts.</param>
    /// <param name="exchangesPerSubject">How many exchanges each account sends.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="cancellationToken">Stops the probe.</param>
    /// <returns>The measurement.</returns>
    public static MemoryMeasurement Run(int subjects, int exchangesPerSubject, int seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subjects, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(exchangesPerSubject, 1);
        var traffic = new SyntheticTraffic(seed, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var generators = Enumerable.Range(0, Streams).Select(traffic.Fork).ToArray();
        var exchanges = new Exchange[Chunk];
        var features = new ExchangeFeatures[Chunk];

        // Load extraction's static tables (lexicons, benchmark catalogue) before the first measurement.
        _ = FeatureExtractor.Extract(traffic.Next(0, 0, TimeSpan.Zero));
        var engine = new DetectionEngine();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var total = (long)subjects * exchangesPerSubject;
        var spacing = TimeSpan.FromTicks(Math.Max(1, Span.Ticks / total));
        var elapsed = Stopwatch.StartNew();
        for (long sequence = 0; sequence < total;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(Chunk, total - sequence);
            var first = sequence;
            Parallel.For(0, Streams, stream =>
            {
                var generator = generators[stream];
                for (var i = stream * n / Streams; i < (stream + 1) * n / Streams; i++)
                {
                    // Round-robin over the accounts: every account is live for the whole stream, as in a real log.
                    var s = first + i;
                    exchanges[i] = generator.Next((int)(s % subjects), s, spacing);
                    features[i] = FeatureExtractor.Extract(exchanges[i]);
                }
            });
            for (var i = 0; i < n; i++)
            {
                engine.Observe(exchanges[i], features[i]);
            }

            sequence += n;
        }

        elapsed.Stop();
        Array.Clear(exchanges);
        Array.Clear(features);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var tracked = engine.SubjectCount;
        GC.KeepAlive(engine);
        GC.KeepAlive(generators);
        return new MemoryMeasurement
        {
            Subjects = tracked,
            ExchangesPerSubject = exchangesPerSubject,
            Exchanges = total,
            HeapBytes = after - before,
            Elapsed = elapsed.Elapsed,
        };
    }
}
