using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// An end user's own sweep: one end user of a router or an app who works through public task collections, one
/// single-turn item after another, never asking one twice. Resold access hides the harvest among the account's
/// legitimate end users; the end user's own traffic still shows it.
/// </summary>
/// <remarks>
/// On an end user's state only (an account's sweep is judged by <see cref="SystematicCoverageSignal"/> and the others):
/// the share of prompts that are items of public collections (a ramp from 25% to 45%) times the share never repeated
/// (85% to 97%) times the single-turn share (85% to 97%) times confidence in the volume (60 to 150 exchanges), held back
/// on the evaluation-harness pattern. Students of a tutoring app also ask textbook items, but they follow up (half their
/// requests or more have earlier turns) and send tens of requests, not hundreds.
/// </remarks>
internal sealed class EndUserSweepSignal : IDetectionSignal
{
    public string Name => "end_user_sweep";

    public double Weight => 3.0;

    public bool MeasuresPooledTraffic => false;

    public double Measure(SubjectState state, in SignalContext context)
    {
        if (state.Key.EndUserId is null || context.IsCampaign || state.Exchanges < 60)
        {
            return 0;
        }

        var collections = SignalMath.Ramp((double)state.BenchmarkItems / state.Exchanges, 0.25, 0.45);
        var fresh = SignalMath.Ramp(1 - NoveltySignal.ReplayShare(state), 0.85, 0.97);
        var single = SignalMath.Ramp(state.SingleTurnShare, 0.85, 0.97);
        var harness = SystematicCoverageSignal.EvaluationPattern(state);
        return collections * fresh * single * (1 - harness) * SignalMath.Confidence(state.Exchanges, 60, 150);
    }

    public string Explain(SubjectState state, double value) =>
        $"end user sent {state.Exchanges} prompts, {TextTokens.Percent((double)state.BenchmarkItems / Math.Max(1, state.Exchanges))} items of public collections, "
        + $"{TextTokens.Percent(1 - NoveltySignal.ReplayShare(state))} never asked twice, {TextTokens.Percent(state.SingleTurnShare)} single-turn";
}
