using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// An account's own sweep of public task collections: most of its prompts are items of public benchmark or instruction
/// sets (reworded or not, <see cref="BenchmarkCatalog"/>), almost none asked twice, mostly single-turn. A heavy chat
/// user, a company's assistant or a developer's agent asks its own questions; an aged account of a hydra, with a card,
/// an address and a human's hours of its own, still works through the collections one item after another.
/// </summary>
/// <remarks>
/// On a single account only (end users are judged by <see cref="EndUserSweepSignal"/>, a router or an app answers for its
/// end users, a campaign for its joint sweep in <see cref="CollectiveSweepSignal"/>): the share of items of public
/// collections (a ramp from 40% to 55%) times the share never repeated (70% to 88%: the distinct count is a HyperLogLog estimate within about 7%, and it read 86% to 100% on the aged accounts) times the single-turn share (55% to
/// 72%, lower than an end user's: the aged accounts of adaptive-train.json follow up on a fifth of their items) times
/// confidence in the volume (60 to 150 exchanges), held back on the evaluation-harness pattern (replayed benchmark items).
/// Measured on adaptive-train.json seeds 11 to 13 and the default scenario: no benign account but evaluation harnesses,
/// pass@k vendors and the allow-listed synthetic-data customer sends 40% or more of such items over 60 exchanges.
/// </remarks>
internal sealed class CollectionSweepSignal : IDetectionSignal
{
    public string Name => "collection_sweep";

    public double Weight => 5.0;

    public bool MeasuresPooledTraffic => false;

    public double Measure(SubjectState state, in SignalContext context)
    {
        if (state.Key.EndUserId is not null || context.IsCampaign || context.IsMultiTenant || state.Exchanges < 60)
        {
            return 0;
        }

        var collections = SignalMath.Ramp((double)state.BenchmarkItems / state.Exchanges, 0.40, 0.55);
        if (collections == 0)
        {
            return 0;
        }

        var fresh = SignalMath.Ramp(1 - NoveltySignal.ReplayShare(state), 0.70, 0.88);
        var single = SignalMath.Ramp(state.SingleTurnShare, 0.55, 0.72);
        var harness = SystematicCoverageSignal.EvaluationPattern(state);
        return collections * fresh * single * (1 - harness) * SignalMath.Confidence(state.Exchanges, 60, 150);
    }

    public string Explain(SubjectState state, double value) =>
        $"{TextTokens.Percent((double)state.BenchmarkItems / Math.Max(1, state.Exchanges))} of {state.Exchanges} prompts are items of public collections, "
        + $"{TextTokens.Percent(1 - NoveltySignal.ReplayShare(state))} never asked twice, {TextTokens.Percent(state.SingleTurnShare)} single-turn";
}
