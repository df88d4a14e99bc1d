using System.Globalization;
using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Multi-turn elicitation: conversations kept going with short follow-up turns that each draw a long answer, answers to
/// follow-ups longer than answers to opening questions, across many conversations. The shape of asking a model to go
/// deeper on what it just wrote, to harvest more of it per item, rather than of a user who asks something new.
/// </summary>
/// <remarks>
/// Structural and content-agnostic, so it reads the same in any language: a follow-up is an exchange with an earlier
/// user turn, short when its prompt has at most <see cref="SubjectState.ShortFollowUpChars"/> characters, elicited when
/// such a follow-up draws at least <see cref="SubjectState.ElicitedAnswerTokens"/> completion tokens. The value is the
/// share of exchanges that are elicited follow-ups (a ramp from 25% to 50%) times the growth of answers from openings
/// to follow-ups (a ramp from 1.1 to 1.35 times as long) times confidence in the volume (60 to 150 exchanges).
/// Chat users follow up too, but mostly with new questions whose answers are no longer than the first; tutoring
/// students' follow-ups draw shorter answers than the worked problem; role-play answers are short; coding agents'
/// follow-ups carry tool results, which are long.
/// </remarks>
internal sealed class MultiTurnElicitationSignal : IDetectionSignal
{
    public string Name => "multi_turn_elicitation";

    public double Weight => 3.5;

    public double Measure(SubjectState state, in SignalContext context)
    {
        if (state.Exchanges < 60 || state.ElicitedFollowUps == 0)
        {
            return 0;
        }

        var share = (double)state.ElicitedFollowUps / state.Exchanges;
        return SignalMath.Ramp(share, 0.25, 0.5) * SignalMath.Ramp(state.FollowUpGrowth, 1.1, 1.35)
            * SignalMath.Confidence(state.Exchanges, 60, 150);
    }

    public string Explain(SubjectState state, double value)
    {
        var share = state.Exchanges == 0 ? 0 : (double)state.ElicitedFollowUps / state.Exchanges;
        return $"{TextTokens.Percent(share)} of {state.Exchanges} requests are short follow-ups (≤{SubjectState.ShortFollowUpChars} characters) "
            + $"drawing answers of {SubjectState.ElicitedAnswerTokens.ToString("N0", CultureInfo.InvariantCulture)}+ tokens; "
            + $"follow-up answers are {state.FollowUpGrowth.ToString("0.00", CultureInfo.InvariantCulture)}× as long as opening answers";
    }
}
