using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;

namespace DistillGuard.Ingest;

/// <summary>
/// One detection run's path from exchanges to judgments: reader, then sequencer (reorder and duplicate windows), then
/// engine. <c>distillguard detect</c>, <c>demo</c> and <c>bench</c>, the service and the service bench all push their
/// exchanges through it, so they put exchanges in the same order, drop the same duplicates and observe the same values.
/// </summary>
/// <remarks>
/// <para>
/// Exchanges come in three ways: a whole input read by <see cref="ReadAsync"/> (the batch reader parses lines into
/// <see cref="ExchangeObservation"/>s on its workers, and this loop sequences them); one observation
/// (<see cref="Push(in ExchangeObservation)"/>); or an exchange already built, with its features
/// (<see cref="Push(Exchange, in ExchangeFeatures)"/>), as the service has once it has journalled it. The sequencer
/// holds each exchange until the stream is <see cref="DetectionOptions.ReorderWindow"/> past it, then the engine
/// observes it; <see cref="Flush"/> releases what is still held, at the end of an input.
/// </para>
/// <para>
/// Not thread-safe, like the engine: one caller at a time. The loop allocates nothing per exchange: the release delegate
/// is made once, and observations are values read in place from the reader's pooled arrays.
/// </para>
/// </remarks>
public sealed class DetectionSession
{
    private readonly ObservationHandler _release;

    /// <summary>Initializes a new instance of the <see cref="DetectionSession"/> class with a fresh engine and sequencer.</summary>
    /// <param name="options">The engine's options and the sequencer's windows; defaults when <see langword="null"/>.</param>
    /// <param name="released">Told of each observation after the engine observed it, or <see langword="null"/>.</param>
    public DetectionSession(DetectionOptions? options = null, ObservationHandler? released = null)
        : this(new DetectionEngine(options), new ExchangeSequencer(options), released)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DetectionSession"/> class that goes on from an engine and a sequencer.</summary>
    /// <param name="engine">The engine, for example restored from a checkpoint.</param>
    /// <param name="sequencer">The sequencer, for example from <see cref="ExchangeSequencer.Restore"/>.</param>
    /// <param name="released">Told of each observation after the engine observed it, or <see langword="null"/>.</param>
    public DetectionSession(DetectionEngine engine, ExchangeSequencer sequencer, ObservationHandler? released = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(sequencer);
        Engine = engine;
        Sequencer = sequencer;
        if (released is null)
        {
            _release = engine.Observe;
        }
        else
        {
            _release = (in ExchangeObservation observation) =>
            {
                engine.Observe(observation);
                released(observation);
            };
        }
    }

    /// <summary>Gets the engine.</summary>
    public DetectionEngine Engine { get; }

    /// <summary>Gets the sequencer: accepted, duplicates, late, first and last timestamps, what it holds.</summary>
    public ExchangeSequencer Sequencer { get; }

    /// <summary>Takes one observation; the engine observes every observation that is now in order.</summary>
    /// <param name="observation">The observation.</param>
    /// <returns><see langword="false"/> when it was a duplicate (by <see cref="ExchangeObservation.IdHash"/>) and dropped.</returns>
    public bool Push(in ExchangeObservation observation) => Sequencer.Push(observation, _release);

    /// <summary>Takes an exchange already built, with its features from <see cref="FeatureExtractor.Extract"/>.</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="features">Its features.</param>
    /// <returns><see langword="false"/> when it was a duplicate and dropped.</returns>
    public bool Push(Exchange exchange, in ExchangeFeatures features) => Push(ExchangeObservation.Of(exchange, features));

    /// <summary>Releases to the engine, in order, everything the sequencer still holds.</summary>
    public void Flush() => Sequencer.Flush(_release);

    /// <summary>Reads <paramref name="input"/> to its end and pushes every accepted line, as <c>detect</c> does.</summary>
    /// <param name="input">The uncompressed input, for example from <see cref="ExchangeInput.Open(string)"/>; not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="rejects">Receives each rejected line, in input order, or <see langword="null"/>.</param>
    /// <param name="counters">Counters the reader updates as it goes, or <see langword="null"/>.</param>
    /// <param name="options">The reader's options; texts are never kept. Defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>A task that completes when the input is read; the sequencer may still hold its last exchanges (<see cref="Flush"/>).</returns>
    /// <exception cref="InputException">The input cannot be read further.</exception>
    public async Task ReadAsync(
        Stream input,
        InputFormat format,
        Action<RejectedLine>? rejects = null,
        ExchangeReadCounters? counters = null,
        ExchangeReaderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Detection never reads answers, assistant turns or ids: the reader validates them, hashes the id and extracts
        // the features of the current prompt on its workers, and hands over values in pooled arrays, not exchanges.
        var batches = ExchangeStreamReader.ReadObservationsAsync(input, format, options, counters, cancellationToken);
        await foreach (var batch in batches.ConfigureAwait(false))
        {
            using (batch)
            {
                foreach (ref readonly var observation in batch.Observations)
                {
                    Sequencer.Push(observation, _release);
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
    }

    /// <summary>Gets the <c>input</c> object of the findings.</summary>
    /// <param name="lines">The lines read, blank ones included.</param>
    /// <param name="rejected">The lines rejected as bad input.</param>
    /// <param name="duplicates">Duplicates dropped before the sequencer (the service's journal), added to the sequencer's.</param>
    /// <returns>The summary.</returns>
    public InputSummary Summary(long lines, long rejected, long duplicates = 0) => new()
    {
        Lines = lines,
        Accepted = Sequencer.Accepted,
        Rejected = rejected,
        Duplicates = Sequencer.Duplicates + duplicates,
        FirstTimestamp = Sequencer.FirstTimestamp,
        LastTimestamp = Sequencer.LastTimestamp,
    };
}
