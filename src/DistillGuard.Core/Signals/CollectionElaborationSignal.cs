using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Conversations opened on items of public task collections and carried on with short follow-ups that draw long
/// answers: a harvest of each item's answer at growing depth. Either half alone is a user's (a learner opening on a
/// textbook problem, a power user asking for more), not both over tens of conversations.
/// </summary>
/// <remarks>
/// On an account or a campaign's merged state (not an end user or a router, whose pooled traffic is its end users'): the share of conversation openings (exchanges with
/// no earlier user turn) that are items of public collections (a ramp from 30% to 50%; follow-ups are counted as
/// openings' continuations, so the share is the account's items over its openings) times the share of exchanges that
/// are elicited follow-ups (<see cref="MultiTurnElicitationSignal"/>'s count, a ramp from 20% to 40%) times the share
/// never asked twice among the openings (distinct prompts over openings, 70% to 88%) times confidence in the number of openings (25 to 60), held back on the
/// evaluation-harness pattern.
/// </remarks>
internal sealed class CollectionElaborationSignal : IDetectionSignal
{
    public string Name => "collection_elaboration";

    public double Weight => 4.0;

    public bool MeasuresPooledTraffic => false;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var openings = state.Exchanges - state.MultiTurn;
        if (state.Key.EndUserId is not null || context.IsMultiTenant || state.Exchanges < 60 || openings < 25 || state.ElicitedFollowUps == 0)
        {
            return 0;
        }

        var items = SignalMath.Ramp(Math.Min(1, (double)state.BenchmarkItems / openings), 0.30, 0.50);
        var elicited = SignalMath.Ramp((double)state.ElicitedFollowUps / state.Exchanges, 0.20, 0.40);
        var fresh = SignalMath.Ramp(FreshOpenings(state, openings), 0.70, 0.88);
        var harness = SystematicCoverageSignal.EvaluationPattern(state);
        return items * elicited * fresh * (1 - harness) * SignalMath.Confidence(openings, 25, 60);
    }

    /// <summary>
    /// Gets how far the distinct prompts cover the openings (distinct prompts over openings, at most 1): the share of
    /// items never asked twice, where the follow-ups may repeat.
    /// </summary>
    /// <remarks>
    /// Follow-ups that only ask for more depth are short and alike ("go deeper on that"); counted among the prompts, they
    /// read as replay, most of all on a campaign's merged state, where every member words them alike. An account that
    /// replays its openings has fewer distinct prompts than openings, however its follow-ups are worded alike.
    /// </remarks>
    internal static double FreshOpenings(SubjectState state, long openings) =>
        openings <= 0 ? 0 : Math.Min(1, Math.Min(state.Prompts.Estimate(), state.Exchanges) / openings);

    public string Explain(SubjectState state, double value)
    {
        var openings = Math.Max(1, state.Exchanges - state.MultiTurn);
        return $"{TextTokens.Percent(Math.Min(1, (double)state.BenchmarkItems / openings))} of {openings} conversations open on items of public collections; "
            + $"{TextTokens.Percent((double)state.ElicitedFollowUps / Math.Max(1, state.Exchanges))} of requests are short follow-ups drawing long answers";
    }
}
