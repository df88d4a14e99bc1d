using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Novelty versus replay: distillers rarely send a prompt twice, while evaluation harnesses replay a fixed set, across
/// runs and model versions, and users repeat themselves.
/// </summary>
/// <remarks>
/// Distinct prompts are counted with HyperLogLog (relative error about 6.5% at 256 registers); the replay share is
/// one minus distinct over total. A prompt sent to several models counts once in the distinct prompts but once per
/// model in the distinct prompt-model pairs, so a harness replaying a benchmark on a new model shows too.
/// </remarks>
internal sealed class NoveltySignal : IDetectionSignal
{
    public string Name => "novelty";

    public double Weight => 1.0;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var novelty = 1 - ReplayShare(state);
        return SignalMath.Ramp(novelty, 0.85, 0.98) * SignalMath.Confidence(state.Exchanges, 20, 100);
    }

    public string Explain(SubjectState state, double value) =>
        $"{TextTokens.Percent(1 - ReplayShare(state))} of {state.Exchanges} prompts are new; "
        + $"{TextTokens.Percent(CrossModelShare(state))} were replayed to another model";

    /// <summary>The share of exchanges that repeat a prompt already sent (0 when too few to tell).</summary>
    internal static double ReplayShare(SubjectState state)
    {
        if (state.Exchanges < 20)
        {
            return 0;
        }

        var distinct = Math.Min(state.Prompts.Estimate(), state.Exchanges);
        var replay = 1 - distinct / state.Exchanges;

        // Below the sketch's error the difference is noise.
        return replay < 0.08 ? 0 : replay;
    }

    internal static double CrossModelShare(SubjectState state)
    {
        var pairs = state.PromptModels.Estimate();
        if (pairs <= 0 || state.Exchanges < 20)
        {
            return 0;
        }

        var share = 1 - state.Prompts.Estimate() / pairs;
        return share < 0.08 ? 0 : share;
    }
}
