namespace DistillGuard.Core.Engine;

/// <summary>An observation an <see cref="ExchangeSequencer"/> holds back, and where it waits (see <see cref="SequencerState"/>).</summary>
/// <param name="Observation">The observation.</param>
/// <param name="InOrder">Whether it waits in the in-order queue (it arrived at or after the latest timestamp seen) rather than the heap.</param>
/// <param name="Sequence">Its arrival number in the heap, which breaks ties between equal timestamps; 0 in the in-order queue.</param>
public readonly record struct HeldObservation(ExchangeObservation Observation, bool InOrder, long Sequence);
