using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;
using DistillGuard.Core.State;
using DistillGuard.Core.Storage;
using DistillGuard.Ingest;
using DistillGuard.Server.Journal;
using DistillGuard.Server.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Engine;

/// <summary>
/// Runs detection inside the service: every accepted exchange is made durable in the journal and then pushed, in
/// journal order, into the one <see cref="DetectionSession"/> (the sequencer's reorder and duplicate windows, then the
/// engine), as <c>distillguard detect</c> runs it; the session's state is checkpointed to the store and restored at
/// start (the checkpoint, then a replay of the journal after it), so a restart loses no accepted exchange.
/// </summary>
/// <remarks>
/// <para>
/// Writes go one batch at a time through two gates in turn, the store's and the engine's: a batch takes the engine's
/// gate before it lets go of the store's, so the engine sees exchanges in the order the journal numbered them (a replay
/// reproduces the same state) while the next batch's durable write overlaps this batch's observation. Reads that need
/// a consistent engine (findings, a subject's evidence, a checkpoint) take the engine's gate.
/// </para>
/// <para>
/// Decisions do not: they read the subject's published <see cref="SubjectJudgment"/> (score, verdict, campaign, signal
/// values), an immutable record the engine swaps in after each re-scoring, found through a concurrent map of the states
/// the engine holds. A decision sees one whole judgment, before or after the exchange being observed; it may be one
/// exchange behind, never blocked behind a batch, and it never reads the engine's mutable state.
/// </para>
/// <para>
/// The sequencer may hold exchanges back (<see cref="EngineHostOptions.ReorderWindow"/>): a checkpoint records the
/// engine, the sequencer's clock and counts, and the journal sequence of each exchange it holds; a restore reads those
/// back from the journal into the same places and replays only the journal after the checkpoint, so each exchange is
/// observed once, in the order it would have been without the restart. The sequencer's memory of ids for duplicates
/// is not checkpointed: the journal refuses every id it already holds, for ever, before the sequencer sees it.
/// </para>
/// <para>
/// Timestamps: an exchange is journalled only if it is inside the <see cref="TimestampWindow"/> that starts from the
/// later of the latest journalled exchange and the service's clock (<see cref="WindowStart"/>), checked under the
/// journal's gate in journal order. A replay applies the same window, starting from the later of the clock at the
/// restart and the latest exchange the checkpoint had seen (never stricter than at ingestion), so an
/// entry written by a build that did not check (a year-9999 timestamp) is skipped with a logged reason instead of
/// stopping the start. Entries that do not decode are skipped the same way; both are counted in the replay's log line.
/// </para>
/// </remarks>
internal sealed partial class EngineHost : IDisposable
{
    private const int ReplayProgressEvery = 100_000;
    private const int SkippedEntriesLogged = 20;
    private static readonly ExchangeReaderOptions WindowOptions = new();

    private readonly IServiceStore _store;
    private readonly JournalIngestLog _journal;
    private readonly DetectionOptions _detectionOptions;
    private readonly EngineHostOptions _options;
    private readonly DistillGuardMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<EngineHost> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly ConcurrentDictionary<SubjectKey, SubjectState> _states = new();
    private readonly DetectionOptions _sequencerOptions;
    private readonly Dictionary<ulong, long> _held = [];
    private readonly HashSet<SubjectKey> _touched = [];
    private DetectionSession _session;
    private long _lastSequence;
    private long _checkpointSequence;
    private long _sinceCheckpoint;
    private long _duplicates;
    private long _rejected;
    private int _lastCheckpointBytes;
    private long _latestJournalledTicks = long.MinValue;

    public EngineHost(
        IServiceStore store,
        IOptions<EngineHostOptions> options,
        DetectionOptions detectionOptions,
        DistillGuardMetrics metrics,
        TimeProvider time,
        ILogger<EngineHost> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _journal = new JournalIngestLog(store);
        _options = options.Value;
        _detectionOptions = detectionOptions;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _sequencerOptions = new DetectionOptions { ReorderWindow = _options.ReorderWindow, DuplicateWindow = _options.DuplicateWindow };
        _session = NewSession(new DetectionEngine(detectionOptions), new ExchangeSequencer(_sequencerOptions));
    }

    /// <summary>Raised, under the gate, after a batch was observed, with the subjects it touched.</summary>
    public event Action<DetectionEngine, IReadOnlyCollection<SubjectKey>>? Observed;

    /// <summary>Gets whether <see cref="RestoreAsync"/> has finished.</summary>
    public bool Ready { get; private set; }

    /// <summary>
    /// Gets where the timestamp window of a new input starts: the later of the latest journalled exchange's timestamp
    /// and the service's clock. Readers of an ingest body start from it (<see cref="ExchangeReaderOptions.LatestBefore"/>).
    /// </summary>
    public DateTimeOffset WindowStart
    {
        get
        {
            var now = _time.GetUtcNow();
            var latest = Volatile.Read(ref _latestJournalledTicks);
            return latest > now.UtcTicks ? new DateTimeOffset(latest, TimeSpan.Zero) : now;
        }
    }

    /// <summary>Gets the published judgment of a subject the engine tracks, for a decision; lock-free (see the remarks).</summary>
    public SubjectJudgment? GetJudgment(SubjectKey key) => _states.GetValueOrDefault(key)?.Judgment;

    /// <summary>
    /// Gets every tracked subject that has been scored, with its published judgment, for the console's queue; lock-free
    /// like <see cref="GetJudgment"/> (each judgment is whole; the set is the map's as the enumeration meets it).
    /// </summary>
    public IEnumerable<(SubjectKey Key, SubjectJudgment Judgment)> Judgments()
    {
        foreach (var (key, state) in _states)
        {
            if (state.Judgment is { } judgment)
            {
                yield return (key, judgment);
            }
        }
    }

    /// <summary>Loads the latest checkpoint and replays the journal after it.</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var checkpoint = await _store.LoadLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
            DetectionEngine? engine = null;
            SequencerState? saved = null;
            IReadOnlyList<(long Journal, bool InOrder, long Sequence)> places = [];
            if (checkpoint is not null)
            {
                try
                {
                    var (engineBytes, sequencer, held) = HostCheckpoint.Read(checkpoint.Data);
                    engine = DetectionEngine.ReadCheckpoint(engineBytes.Span, _detectionOptions);

                    // A checkpoint of an earlier build has no sequencer: that build observed every exchange at once.
                    saved = sequencer ?? StateOfEarlierBuild(engine);
                    places = held;
                    _lastSequence = checkpoint.Sequence;
                    _checkpointSequence = checkpoint.Sequence;
                    LogRestored(_logger, checkpoint.Sequence, checkpoint.Data.Length);
                }
                catch (Exception ex) when (ex is InvalidDataException or ArgumentException or OverflowException)
                {
                    // Damaged, or written by other options or signals: the journal holds everything, so replay it all.
                    LogCheckpointUnusable(_logger, ex, checkpoint.Sequence);
                    (engine, saved, places) = (null, null, []);
                    _lastSequence = 0;
                    _checkpointSequence = 0;
                }
            }

            var replayed = 0L;
            var skipped = 0L;
            // From the later of the clock and the latest exchange the checkpoint had seen: no stricter than at ingestion.
            var now = _time.GetUtcNow();
            var window = new TimestampWindow(WindowOptions, saved?.LastTimestamp is { } seen && seen > now ? seen : now);
            var checkpointed = _lastSequence;
            var wanted = places.Select(p => p.Journal).ToHashSet();
            var heldBack = new Dictionary<long, ExchangeObservation>(wanted.Count);
            var started = false;
            void Start()
            {
                // The sequencer as it was at the checkpoint, holding the same exchanges, read back from the journal.
                var sequencer = saved is null
                    ? new ExchangeSequencer(_sequencerOptions)
                    : ExchangeSequencer.Restore(
                        saved with { Held = [.. places.Where(p => heldBack.ContainsKey(p.Journal)).Select(p => new HeldObservation(heldBack[p.Journal], p.InOrder, p.Sequence))] },
                        _sequencerOptions);
                _session = NewSession(engine ?? new DetectionEngine(_detectionOptions), sequencer);
                _held.Clear();
                foreach (var place in places.Where(p => heldBack.ContainsKey(p.Journal)))
                {
                    _held[heldBack[place.Journal].IdHash] = place.Journal;
                }

                if (sequencer.LastTimestamp is { } last)
                {
                    AdvanceLatestJournalled(last);
                }

                started = true;
            }

            var from = wanted.Count > 0 ? Math.Min(wanted.Min() - 1, checkpointed) : checkpointed;
            await foreach (var entry in _journal.ReadAsync(0, from, cancellationToken).SelectMany(b => b.Entries).ConfigureAwait(false))
            {
                if (entry.Sequence <= checkpointed)
                {
                    // Before the checkpoint: observed already, unless the sequencer held it back then.
                    if (wanted.Contains(entry.Sequence))
                    {
                        if (TryDecode(entry, window, out var heldExchange, out var heldFeatures, out var heldReason))
                        {
                            heldBack[entry.Sequence] = ExchangeObservation.Of(heldExchange, heldFeatures);
                        }
                        else if (++skipped <= SkippedEntriesLogged)
                        {
                            LogEntrySkipped(_logger, entry.Sequence, heldReason);
                        }
                    }

                    continue;
                }

                if (!started)
                {
                    Start();
                }

                _lastSequence = entry.Sequence;
                if (!TryDecode(entry, window, out var exchange, out var features, out var reason))
                {
                    // Skipped, not fatal: one bad entry must not keep the service from starting on all the others.
                    if (++skipped <= SkippedEntriesLogged)
                    {
                        LogEntrySkipped(_logger, entry.Sequence, reason);
                    }

                    continue;
                }

                Push(exchange, features, entry.Sequence);
                AdvanceLatestJournalled(exchange.Timestamp);
                if (++replayed % ReplayProgressEvery == 0)
                {
                    // A long journal takes a while: say how far the replay is (health answers 503 until it is done).
                    LogReplaying(_logger, replayed, _lastSequence);
                }
            }

            if (!started)
            {
                Start();
            }

            _touched.Clear();
            _sinceCheckpoint = _lastSequence - _checkpointSequence;
            IndexAllStates();
            Observed?.Invoke(_session.Engine, _states.Keys.ToList());
            LogReplayed(_logger, replayed, _lastSequence);
            if (skipped > 0)
            {
                LogEntriesSkipped(_logger, skipped);
            }

            Ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Makes a batch of parsed exchanges durable and observes the new ones, in one transaction. Returns, for each,
    /// whether it was stored, a duplicate (its id was already stored) or rejected (its timestamp is outside the
    /// window that starts at <see cref="WindowStart"/>; such an exchange is logged with the reason and not stored).
    /// </summary>
    /// <param name="batch">The exchanges and their features, in the order they are to be journalled.</param>
    /// <param name="rejected">How many lines of the same input were already rejected by its reader (for the counts).</param>
    /// <param name="cancellationToken">Cancels waiting for the journal; once the write has begun it is completed.</param>
    public async Task<IngestStatus[]> IngestAsync(IReadOnlyList<(Exchange Exchange, ExchangeFeatures Features)> batch, long rejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var status = new IngestStatus[batch.Count];
        if (batch.Count == 0)
        {
            _metrics.Ingested(0, 0, rejected);
            Interlocked.Add(ref _rejected, rejected);
            return status;
        }

        var entries = new JournalEntry[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            entries[i] = JournalEntries.Of(batch[i].Exchange, batch[i].Features, _options.StorePromptText);
        }

        return await AppendAndObserveAsync(batch, entries, rejected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="IngestAsync"/>, for
    /// exchanges whose journal entries were built before (read back from an ingest stream: their prompt text, when it is
    /// stored, is in the entry, not in the decoded exchange).
    /// </summary>
    /// <param name="batch">The exchanges, decoded from <paramref name="entries"/>.</param>
    /// <param name="entries">Their journal entries, one for each, in the same order.</param>
    /// <param name="cancellationToken">Cancels waiting for the journal; once the write has begun it is completed.</param>
    public Task<IngestStatus[]> IngestJournalledAsync(IReadOnlyList<(Exchange Exchange, ExchangeFeatures Features)> batch, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNotEqual(entries.Count, batch.Count);
        return AppendAndObserveAsync(batch, [.. entries], 0, cancellationToken);
    }

    private async Task<IngestStatus[]> AppendAndObserveAsync(IReadOnlyList<(Exchange Exchange, ExchangeFeatures Features)> batch, JournalEntry[] entries, long rejected, CancellationToken cancellationToken)
    {
        var status = new IngestStatus[batch.Count];
        long newCount = 0;
        long outOfWindow = 0;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(true);
        var appending = true;
        try
        {
            // Under the gate, so that "the latest journalled" is exact and checked in journal order.
            var window = new TimestampWindow(WindowOptions, WindowStart);
            var admitted = new List<int>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (window.TryAccept(batch[i].Exchange.Timestamp, out var reason))
                {
                    admitted.Add(i);
                }
                else
                {
                    status[i] = IngestStatus.Rejected;
                    outOfWindow++;
                    LogOutOfWindow(_logger, reason);
                }
            }

            // Durable first: nothing is observed (nor answered) that a crash could lose.
            var stored = admitted.Count == batch.Count ? entries : [.. admitted.Select(i => entries[i])];
            var appended = stored.Length == 0 ? [] : await _journal.AppendAsync(stored, CancellationToken.None).ConfigureAwait(true);
            var sequences = new long[batch.Count];
            for (var j = 0; j < admitted.Count; j++)
            {
                sequences[admitted[j]] = appended[j];
                status[admitted[j]] = appended[j] == 0 ? IngestStatus.Duplicate : IngestStatus.Stored;
                if (appended[j] != 0)
                {
                    AdvanceLatestJournalled(batch[admitted[j]].Exchange.Timestamp);
                }
            }

            // Take the engine before letting the next batch append, so batches are observed in journal order; the next
            // batch's write to the store then overlaps this batch's observation.
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(true);
            _appendGate.Release();
            appending = false;
            try
            {
                // The subjects of the exchanges the sequencer releases now (OnReleased): these, or earlier ones it held.
                _touched.Clear();
                for (var i = 0; i < batch.Count; i++)
                {
                    if (sequences[i] == 0)
                    {
                        continue;
                    }

                    var (exchange, features) = batch[i];
                    Push(exchange, features, sequences[i]);
                    _lastSequence = sequences[i];
                    newCount++;
                }

                var touched = _touched.ToList();
                _touched.Clear();
                foreach (var key in touched)
                {
                    if (!_states.ContainsKey(key) && _session.Engine.GetSubject(key) is { } state)
                    {
                        _states[key] = state;
                    }
                }

                _sinceCheckpoint += newCount;
                Observed?.Invoke(_session.Engine, touched);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            if (appending)
            {
                _appendGate.Release();
            }
        }

        var duplicates = batch.Count - newCount - outOfWindow;
        rejected += outOfWindow;
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _rejected, rejected);
        _metrics.Ingested(newCount, duplicates, rejected);
        _metrics.SubjectsTracked(_states.Count);
        if (_options.CheckpointEveryExchanges > 0 && Volatile.Read(ref _sinceCheckpoint) >= _options.CheckpointEveryExchanges)
        {
            await CheckpointAsync(cancellationToken).ConfigureAwait(true);
        }

        return status;
    }

    /// <summary>Runs <paramref name="read"/> on the engine under the gate (a consistent view).</summary>
    public async Task<T> ReadAsync<T>(Func<DetectionEngine, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read(_session.Engine);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Answers the findings of everything observed so far.</summary>
    public Task<FindingsDocument> GetFindingsAsync(CancellationToken cancellationToken) =>
        ReadAsync(engine =>
        {
            var duplicates = Interlocked.Read(ref _duplicates);
            var rejected = Interlocked.Read(ref _rejected);
            var summary = _session.Summary(_session.Sequencer.Accepted + _session.Sequencer.Duplicates + duplicates + rejected, rejected, duplicates);
            return engine.GetFindings(summary, _time.GetUtcNow());
        }, cancellationToken);

    /// <summary>Writes a checkpoint of the engine's state if anything was observed since the last one.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        byte[] data;
        long sequence;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(true);
        try
        {
            if (_lastSequence == _checkpointSequence)
            {
                return;
            }

            var buffer = new ArrayBufferWriter<byte>(Math.Max(64 * 1024, _lastCheckpointBytes + (_lastCheckpointBytes / 8)));
            _session.Engine.WriteCheckpoint(buffer, includeQuotes: _options.StorePromptText);
            var sequencer = _session.Sequencer.Save();
            data = HostCheckpoint.Write(buffer.WrittenSpan, sequencer, [.. sequencer.Held.Select(h => _held[h.Observation.IdHash])]);
            _lastCheckpointBytes = data.Length;
            sequence = _lastSequence;
            _checkpointSequence = sequence;
            _sinceCheckpoint = 0;
        }
        finally
        {
            _gate.Release();
        }

        // The write happens outside the gate: ingestion goes on, and the journal still holds everything after it.
        await _store.SaveCheckpointAsync(
            new EngineCheckpoint { Sequence = sequence, CreatedAt = _time.GetUtcNow(), Data = data },
            cancellationToken).ConfigureAwait(true);
        LogCheckpointed(_logger, sequence, data.Length);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _appendGate.Dispose();
    }

    private static bool TryDecode(
        JournalEntry entry,
        TimestampWindow window,
        [NotNullWhen(true)] out Exchange? exchange,
        out ExchangeFeatures features,
        [NotNullWhen(false)] out string? reason)
    {
        try
        {
            (exchange, features) = JournalCodec.Decode(entry.Payload);
        }
        catch (InvalidDataException ex)
        {
            (exchange, features, reason) = (null, default, ex.Message);
            return false;
        }

        if (!window.TryAccept(exchange.Timestamp, out reason))
        {
            exchange = null;
            return false;
        }

        return true;
    }

    /// <summary>The sequencer's state that a checkpoint of an earlier build stands for: every exchange observed, nothing held.</summary>
    private static SequencerState StateOfEarlierBuild(DetectionEngine engine) => new()
    {
        MaxTicks = engine.Observed > 0 ? engine.Now.UtcTicks : long.MinValue,
        ReleasedTicks = engine.Observed > 0 ? engine.Now.UtcTicks : long.MinValue,
        NextSequence = 0,
        Accepted = engine.Observed,
        Duplicates = 0,
        Late = 0,
        LastTimestamp = engine.Observed > 0 ? engine.Now : null,
        Held = [],
    };

    private DetectionSession NewSession(DetectionEngine engine, ExchangeSequencer sequencer) => new(engine, sequencer, OnReleased);

    /// <summary>Pushes a journalled exchange into the session, remembering its journal sequence while the sequencer holds it.</summary>
    private void Push(Exchange exchange, in ExchangeFeatures features, long journalSequence)
    {
        var observation = ExchangeObservation.Of(exchange, features);
        var added = _held.TryAdd(observation.IdHash, journalSequence);
        if (!_session.Push(observation) && added)
        {
            _held.Remove(observation.IdHash);
        }
    }

    /// <summary>Told of each exchange the engine observed: it is no longer held, and its subjects changed.</summary>
    private void OnReleased(in ExchangeObservation observation)
    {
        _held.Remove(observation.IdHash);
        _touched.Add(new SubjectKey(observation.AccountId, null));
        if (observation.EndUserId is { } endUser)
        {
            _touched.Add(new SubjectKey(observation.AccountId, endUser));
        }
    }

    private void AdvanceLatestJournalled(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        if (ticks > _latestJournalledTicks)
        {
            Volatile.Write(ref _latestJournalledTicks, ticks);
        }
    }

    private void IndexAllStates()
    {
        _states.Clear();
        foreach (var key in _session.Engine.SubjectKeys())
        {
            if (_session.Engine.GetSubject(key) is { } state)
            {
                _states[key] = state;
            }
        }

        _metrics.SubjectsTracked(_states.Count);
    }

    [LoggerMessage(1, LogLevel.Information, "Restored the engine from the checkpoint at sequence {Sequence} ({Bytes} bytes)")]
    private static partial void LogRestored(ILogger logger, long sequence, int bytes);

    [LoggerMessage(2, LogLevel.Information, "Replayed {Replayed} exchanges from the journal; the engine is at sequence {Sequence}")]
    private static partial void LogReplayed(ILogger logger, long replayed, long sequence);

    [LoggerMessage(4, LogLevel.Warning, "The checkpoint at sequence {Sequence} cannot be used; replaying the whole journal")]
    private static partial void LogCheckpointUnusable(ILogger logger, Exception exception, long sequence);

    [LoggerMessage(5, LogLevel.Information, "Replaying the journal: {Replayed} exchanges so far, at sequence {Sequence}")]
    private static partial void LogReplaying(ILogger logger, long replayed, long sequence);

    [LoggerMessage(6, LogLevel.Warning, "Skipped journal entry {Sequence} in the replay: {Reason}")]
    private static partial void LogEntrySkipped(ILogger logger, long sequence, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Skipped {Skipped} journal entries in the replay (the first are logged one by one)")]
    private static partial void LogEntriesSkipped(ILogger logger, long skipped);

    [LoggerMessage(8, LogLevel.Warning, "An exchange was not journalled: {Reason}")]
    private static partial void LogOutOfWindow(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Information, "Checkpointed the engine at sequence {Sequence} ({Bytes} bytes)")]
    private static partial void LogCheckpointed(ILogger logger, long sequence, int bytes);
}
