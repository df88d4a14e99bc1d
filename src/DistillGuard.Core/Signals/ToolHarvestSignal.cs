using System.Globalization;
using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Tool-use harvesting: agent trajectories swept across many tasks whose tool results hardly vary, the same few
/// results ("tests passed", "file written") coming back on one task after another. Real tools return what the work
/// produced (the file read, the test run's output), so an agent's tool results differ from task to task; canned ones
/// are the shape of replaying a collection of tasks through the model to record its trajectories.
/// </summary>
/// <remarks>
/// Reads the exchanges whose conversation carries a <c>tool</c> message: how many exchanges per distinct last tool
/// result (a ramp from 2 to 5), how many distinct prompts (tasks) per distinct tool result (a ramp from 1 to 3), times
/// a long-answer guard (mean output on a ramp from 400 to 800 tokens, so a support bot whose lookups often answer
/// the same thing, with short replies, stays quiet) and confidence in the volume (30 to 100 tool exchanges).
/// </remarks>
internal sealed class ToolHarvestSignal : IDetectionSignal
{
    public string Name => "tool_harvest";

    public double Weight => 5.0;

    public double Measure(SubjectState state, in SignalContext context) => Canned(state);

    /// <summary>Measures the signal: how clearly the subject's tool results are canned, in [0, 1].</summary>
    internal static double Canned(SubjectState state)
    {
        if (state.ToolResultExchanges < 30)
        {
            return 0;
        }

        var results = Math.Max(1.0, state.ToolResults.Estimate());
        var tasks = state.Prompts.Estimate();
        return SignalMath.Ramp(state.ToolResultExchanges / results, 2, 5) * SignalMath.Ramp(tasks / results, 1, 3)
            * SignalMath.Ramp(state.MeanOutputTokens, 400, 800) * SignalMath.Confidence(state.ToolResultExchanges, 30, 100);
    }

    public string Explain(SubjectState state, double value)
    {
        var results = Math.Max(1.0, state.ToolResults.Estimate());
        return $"{state.ToolResultExchanges.ToString("N0", CultureInfo.InvariantCulture)} tool-using requests over about "
            + $"{state.Prompts.Estimate().ToString("N0", CultureInfo.InvariantCulture)} prompts return only about "
            + $"{results.ToString("N0", CultureInfo.InvariantCulture)} distinct tool results "
            + $"(a new result on {TextTokens.Percent(Math.Min(1, results / state.ToolResultExchanges))} of them)";
    }
}
