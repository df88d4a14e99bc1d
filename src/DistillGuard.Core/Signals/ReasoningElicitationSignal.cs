using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Reasoning-trace coercion: the share of prompts whose wrapper demands the full chain of reasoning, hidden thinking,
/// exhaustive derivations or thinking in the question's language (<see cref="CoercionDetector"/>).
/// </summary>
/// <remarks>A plain "explain step by step" or "let's think step by step" does not count: users and harnesses write it.</remarks>
internal sealed class ReasoningElicitationSignal : IDetectionSignal
{
    public string Name => "reasoning_elicitation";

    public double Weight => 6.0;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var share = SignalMath.Share(state.CoercionStrong, state.Exchanges, 2);
        return SignalMath.Ramp(share, 0.05, 0.5);
    }

    public string Explain(SubjectState state, double value)
    {
        var share = state.Exchanges == 0 ? 0 : (double)state.CoercionStrong / state.Exchanges;
        var quote = state.CoercionQuote is { } q ? $", e.g. \"{q}\"" : string.Empty;
        return $"{TextTokens.Percent(share)} of {state.Exchanges} prompts demand the full reasoning trace{quote}";
    }
}
