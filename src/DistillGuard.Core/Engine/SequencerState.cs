namespace DistillGuard.Core.Engine;

/// <summary>
/// What an <see cref="ExchangeSequencer"/> holds, from which <see cref="ExchangeSequencer.Restore"/> makes one that
/// releases the same observations in the same order: its clock, its counts and the observations it holds back.
/// </summary>
/// <remarks>
/// The ids remembered to drop duplicates are not part of it (a day of them would dwarf the rest): a restored sequencer
/// remembers only the ids of the observations it holds. A caller that keeps its own record of ids (the service's
/// journal refuses any id it already holds, for ever) loses nothing by it.
/// </remarks>
public sealed record SequencerState
{
    /// <summary>Gets the latest timestamp pushed, in UTC ticks, or <see cref="long.MinValue"/> before the first.</summary>
    public required long MaxTicks { get; init; }

    /// <summary>Gets the latest timestamp released, in UTC ticks, or <see cref="long.MinValue"/> before the first.</summary>
    public required long ReleasedTicks { get; init; }

    /// <summary>Gets the next arrival number of the heap.</summary>
    public required long NextSequence { get; init; }

    /// <summary>Gets <see cref="ExchangeSequencer.Accepted"/>.</summary>
    public required long Accepted { get; init; }

    /// <summary>Gets <see cref="ExchangeSequencer.Duplicates"/>.</summary>
    public required long Duplicates { get; init; }

    /// <summary>Gets <see cref="ExchangeSequencer.Late"/>.</summary>
    public required long Late { get; init; }

    /// <summary>Gets <see cref="ExchangeSequencer.FirstTimestamp"/>.</summary>
    public DateTimeOffset? FirstTimestamp { get; init; }

    /// <summary>Gets <see cref="ExchangeSequencer.LastTimestamp"/>.</summary>
    public DateTimeOffset? LastTimestamp { get; init; }

    /// <summary>Gets the observations held back: the in-order queue from its head, then the heap in no particular order.</summary>
    public required IReadOnlyList<HeldObservation> Held { get; init; }
}
