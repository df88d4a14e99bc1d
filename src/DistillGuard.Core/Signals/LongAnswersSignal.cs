using System.Globalization;
using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Long single-shot answers: the subject asks one question at a time and takes away very long answers (completion
/// plus reasoning tokens), the shape of collecting training examples rather than of a conversation or a task.
/// </summary>
/// <remarks>
/// Conversations have follow-up turns; batch jobs, classifiers and apps take short answers. The value is the mean
/// output per request on a ramp from 1,500 to 4,000 tokens, times how single-turn the subject is (a ramp from 70% to
/// 95% of requests without earlier user turns).
/// </remarks>
internal sealed class LongAnswersSignal : IDetectionSignal
{
    public string Name => "long_answers";

    public double Weight => 2.0;

    public double Measure(SubjectState state, in SignalContext context)
    {
        if (state.Exchanges < 5)
        {
            return 0;
        }

        return SignalMath.Ramp(state.MeanOutputTokens, 1500, 4000) * SignalMath.Ramp(state.SingleTurnShare, 0.7, 0.95)
            * SignalMath.Confidence(state.Exchanges, 5, 20);
    }

    public string Explain(SubjectState state, double value) =>
        $"answers average {state.MeanOutputTokens.ToString("N0", CultureInfo.InvariantCulture)} output tokens; "
        + $"{TextTokens.Percent(state.SingleTurnShare)} of requests are single-turn";
}
