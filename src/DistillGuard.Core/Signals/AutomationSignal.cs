using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Automation and timing: requests around the clock with no daily rest, at regular intervals, one turn each.
/// </summary>
/// <remarks>
/// Regularity is the standard deviation of log inter-arrival times (a human's gaps span orders of magnitude; a
/// script's do not); rest is the number of hours of the day with no activity at all.
/// </remarks>
internal sealed class AutomationSignal : IDetectionSignal
{
    public string Name => "automation";

    public double Weight => 1.0;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var activeHours = ActiveHours(state);
        var noRest = SignalMath.Ramp(activeHours, 16, 23);
        var regular = state.LogGaps.Count < 10 ? 0 : SignalMath.Ramp(2.5 - state.LogGaps.StandardDeviation, 0, 1.5);
        var singleTurn = state.SingleTurnShare;
        return (noRest + regular + singleTurn) / 3 * SignalMath.Confidence(state.Exchanges, 20, 100);
    }

    public string Explain(SubjectState state, double value) =>
        $"active in {ActiveHours(state)} of 24 hours of the day; "
        + $"{TextTokens.Percent(state.SingleTurnShare)} single-turn requests";

    private static int ActiveHours(SubjectState state)
    {
        var hours = 0;
        var threshold = Math.Max(1, state.Exchanges / 200);
        foreach (var h in state.Hours)
        {
            if (h >= threshold)
            {
                hours++;
            }
        }

        return hours;
    }
}
