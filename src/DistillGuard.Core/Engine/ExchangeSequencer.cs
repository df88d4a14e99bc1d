namespace DistillGuard.Core.Engine;

/// <summary>
/// Puts exchanges that arrive slightly out of order back in timestamp order and drops duplicated ids, before the
/// engine sees them.
/// </summary>
/// <remarks>
/// A min-heap holds exchanges until the latest timestamp seen is <see cref="DetectionOptions.ReorderWindow"/> past
/// them. An exchange older than what was already released is counted as late and released at once (the engine's
/// state tolerates it). Ids are remembered as 64-bit hashes for <see cref="DetectionOptions.DuplicateWindow"/> of
/// stream time, so memory follows the traffic rate, not the log's length.
/// </remarks>
public sealed class ExchangeSequencer
{
    private readonly PriorityQueue<ExchangeObservation, (long Ticks, long Seq)> _pending = new();

    // Exchanges that arrived in order wait in a FIFO; only out-of-order ones go through the heap.
    private readonly ObservationQueue _inOrder = new();
    private readonly HashSet<ulong> _seen = [];
    private readonly Queue<(long Ticks, ulong Hash)> _seenOrder = new();
    private readonly TimeSpan _window;
    private readonly TimeSpan _duplicateWindow;
    private long _maxTicks = long.MinValue;
    private long _releasedTicks = long.MinValue;
    private long _sequence;

    /// <summary>Initializes a new instance of the <see cref="ExchangeSequencer"/> class.</summary>
    public ExchangeSequencer(DetectionOptions? options = null)
    {
        options ??= new DetectionOptions();
        _window = options.ReorderWindow;
        _duplicateWindow = options.DuplicateWindow;
    }

    /// <summary>Gets the number of exchanges dropped as duplicates.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Gets the number of exchanges that arrived later than the reorder window allows.</summary>
    public long Late { get; private set; }

    /// <summary>Gets the number of exchanges accepted (not duplicates).</summary>
    public long Accepted { get; private set; }

    /// <summary>Gets the earliest accepted timestamp.</summary>
    public DateTimeOffset? FirstTimestamp { get; private set; }

    /// <summary>Gets the latest accepted timestamp.</summary>
    public DateTimeOffset? LastTimestamp { get; private set; }

    /// <summary>Takes an exchange and passes every exchange that is now in order to <paramref name="release"/>.</summary>
    /// <returns><see langword="false"/> when the exchange was a duplicate (by <see cref="ExchangeObservation.IdHash"/>) and dropped.</returns>
    public bool Push(in ExchangeObservation observation, ObservationHandler release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var timestamp = observation.Timestamp;
        var ticks = timestamp.UtcTicks;
        var hash = observation.IdHash;
        // A zero window remembers no id (the caller drops repeats itself, as the service's journal does): otherwise
        // traffic whose timestamps never pass the latest seen would be remembered without end.
        var remember = _duplicateWindow > TimeSpan.Zero;
        if (remember && !_seen.Add(hash))
        {
            Duplicates++;
            return false;
        }

        Accepted++;
        if (remember)
        {
            _seenOrder.Enqueue((ticks, hash));
        }

        if (FirstTimestamp is null || timestamp < FirstTimestamp)
        {
            FirstTimestamp = timestamp;
        }

        if (LastTimestamp is null || timestamp > LastTimestamp)
        {
            LastTimestamp = timestamp;
        }

        if (ticks < _releasedTicks)
        {
            Late++;
            release(observation);
        }
        else if (ticks >= _maxTicks)
        {
            _inOrder.Enqueue(observation);
        }
        else
        {
            _pending.Enqueue(observation, (ticks, _sequence++));
        }

        if (ticks > _maxTicks)
        {
            _maxTicks = ticks;
            ForgetOldIds();
        }

        ReleaseUpTo(_maxTicks - _window.Ticks, release);
        return true;
    }

    /// <summary>Gets how many observations are held back.</summary>
    public int HeldCount => _inOrder.Count + _pending.Count;

    /// <summary>Captures what the sequencer holds, for <see cref="Restore"/> (for example beside an engine checkpoint).</summary>
    /// <returns>The state; the observations stay held.</returns>
    public SequencerState Save()
    {
        var held = new List<HeldObservation>(HeldCount);
        for (var i = 0; i < _inOrder.Count; i++)
        {
            held.Add(new HeldObservation(_inOrder[i], true, 0));
        }

        foreach (var (observation, priority) in _pending.UnorderedItems)
        {
            held.Add(new HeldObservation(observation, false, priority.Seq));
        }

        return new SequencerState
        {
            MaxTicks = _maxTicks,
            ReleasedTicks = _releasedTicks,
            NextSequence = _sequence,
            Accepted = Accepted,
            Duplicates = Duplicates,
            Late = Late,
            FirstTimestamp = FirstTimestamp,
            LastTimestamp = LastTimestamp,
            Held = held,
        };
    }

    /// <summary>Makes a sequencer in the state <see cref="Save"/> captured: it releases the same observations in the same order.</summary>
    /// <param name="state">The state.</param>
    /// <param name="options">The windows; defaults when null.</param>
    /// <returns>The sequencer. It remembers, to drop duplicates, only the ids of the observations it holds (see <see cref="SequencerState"/>).</returns>
    public static ExchangeSequencer Restore(SequencerState state, DetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sequencer = new ExchangeSequencer(options)
        {
            _maxTicks = state.MaxTicks,
            _releasedTicks = state.ReleasedTicks,
            _sequence = state.NextSequence,
            Accepted = state.Accepted,
            Duplicates = state.Duplicates,
            Late = state.Late,
            FirstTimestamp = state.FirstTimestamp,
            LastTimestamp = state.LastTimestamp,
        };

        foreach (var held in state.Held)
        {
            var observation = held.Observation;
            if (held.InOrder)
            {
                sequencer._inOrder.Enqueue(observation);
            }
            else
            {
                sequencer._pending.Enqueue(observation, (observation.Timestamp.UtcTicks, held.Sequence));
            }
        }

        foreach (var held in state.Held.OrderBy(h => h.Observation.Timestamp.UtcTicks))
        {
            if (sequencer._duplicateWindow > TimeSpan.Zero && sequencer._seen.Add(held.Observation.IdHash))
            {
                sequencer._seenOrder.Enqueue((held.Observation.Timestamp.UtcTicks, held.Observation.IdHash));
            }
        }

        return sequencer;
    }

    /// <summary>Releases everything still held, in order.</summary>
    public void Flush(ObservationHandler release)
    {
        ArgumentNullException.ThrowIfNull(release);
        ReleaseUpTo(long.MaxValue, release);
    }

    private void ReleaseUpTo(long horizon, ObservationHandler release)
    {
        while (true)
        {
            var heap = _pending.TryPeek(out _, out var priority) && priority.Ticks <= horizon;
            var fifoTicks = _inOrder.Count > 0 ? _inOrder.Head.Timestamp.UtcTicks : long.MaxValue;
            var fifo = _inOrder.Count > 0 && fifoTicks <= horizon;
            if (!heap && !fifo)
            {
                return;
            }

            if (heap && (!fifo || priority.Ticks < fifoTicks))
            {
                var next = _pending.Dequeue();
                _releasedTicks = Math.Max(_releasedTicks, priority.Ticks);
                release(next);
            }
            else
            {
                // The engine does not come back into the sequencer, so the slot stays put while it reads it.
                _releasedTicks = Math.Max(_releasedTicks, fifoTicks);
                release(in _inOrder.Head);
                _inOrder.DropHead();
            }
        }
    }

    private void ForgetOldIds()
    {
        var cutoff = _maxTicks - _duplicateWindow.Ticks;
        while (_seenOrder.TryPeek(out var oldest) && oldest.Ticks < cutoff)
        {
            _seenOrder.Dequeue();
            _seen.Remove(oldest.Hash);
        }
    }
}
