using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Harvesting parameters: several choices per prompt (<c>n &gt; 1</c>), token log-probabilities with long outputs,
/// very high output budgets and reasoning effort.
/// </summary>
/// <remarks>Log-probabilities of one-token outputs are classification or scoring, and do not count.</remarks>
internal sealed class HarvestParametersSignal : IDetectionSignal
{
    public string Name => "harvest_parameters";

    public double Weight => 2.5;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var n = state.Exchanges;
        var choices = SignalMath.Share(state.MultipleChoices, n);
        var logprobs = SignalMath.Share(state.LogprobsLong, n);
        var budget = SignalMath.Share(state.HighBudget, n);
        var effort = SignalMath.Share(state.HighEffort, n);
        // Several samples per prompt and long log-probabilities are what a distiller needs and few others ask for;
        // large budgets and high effort are common among legitimate reasoning-model users, so they count for less.
        // Several samples of benchmark items are how harnesses measure pass@k; they count for half.
        choices *= 1 - 0.5 * SystematicCoverageSignal.EvaluationPattern(state);
        var harvesting = Math.Max(choices, logprobs);
        var budgets = (budget + effort) / 2 * 0.5;
        return SignalMath.Ramp(Math.Max(harvesting, budgets + harvesting * 0.5), 0.1, 0.6);
    }

    public string Explain(SubjectState state, double value)
    {
        var n = Math.Max(1, state.Exchanges);
        return $"n>1 in {TextTokens.Percent((double)state.MultipleChoices / n)}, logprobs with long outputs in "
            + $"{TextTokens.Percent((double)state.LogprobsLong / n)}, output budget ≥16k in "
            + $"{TextTokens.Percent((double)state.HighBudget / n)}, high reasoning effort in "
            + $"{TextTokens.Percent((double)state.HighEffort / n)} of requests";
    }
}
