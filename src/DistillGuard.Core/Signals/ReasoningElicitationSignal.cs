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
        var share = SignalMath.Share(OwnCoercion(state), state.Exchanges, 2);
        return SignalMath.Ramp(share, 0.05, 0.5);
    }

    /// <summary>
    /// The strong coercions the subject answers for: not those that came only from a system prompt that many end users
    /// of its account share (the application's instruction, not an end user's act).
    /// </summary>
    private static int OwnCoercion(SubjectState state) => state.CoercionStrong - state.ExcusedSystemStrong;

    public string Explain(SubjectState state, double value)
    {
        var share = state.Exchanges == 0 ? 0 : (double)OwnCoercion(state) / state.Exchanges;
        var quote = state.CoercionQuote is { } q ? $", e.g. \"{q}\"" : string.Empty;
        var shared = state.ExcusedSystemStrong > 0
            ? $"; {state.ExcusedSystemStrong} more ask for it only through a system prompt the account's end users share (not counted)"
            : string.Empty;
        return $"{TextTokens.Percent(share)} of {state.Exchanges} prompts demand the full reasoning trace{quote}{shared}";
    }
}
