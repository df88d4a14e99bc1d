using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Collective sweep (campaigns only): several linked accounts jointly work through public task collections with almost
/// no prompt asked twice, each account's slice alone looking like one user's.
/// </summary>
/// <remarks>
/// After Extraction Monitor (coverage of a query space across colluding users): on a campaign's merged state, the share
/// of prompts that are items of public collections, times the share never repeated across the members (merged distinct
/// prompts over merged exchanges), times how many accounts take part (4 to 12). A company's accounts ask about their
/// product, not about the collections; an evaluation vendor's harnesses replay a benchmark (and are held below
/// <c>distillation</c> by the harness cap); a tutoring app's students are one account's end users, never a campaign.
/// Measures nothing on a single subject: one account's slice is judged by the other signals.
/// </remarks>
internal sealed class CollectiveSweepSignal : IDetectionSignal
{
    public string Name => "collective_sweep";

    public double Weight => 3.0;

    public double Measure(SubjectState state, in SignalContext context)
    {
        if (!context.IsCampaign || state.Exchanges < 40)
        {
            return 0;
        }

        var collections = SignalMath.Ramp((double)state.BenchmarkItems / state.Exchanges, 0.2, 0.5);
        var fresh = 1 - NoveltySignal.ReplayShare(state);
        var harness = SystematicCoverageSignal.EvaluationPattern(state);
        return collections * fresh * (1 - harness) * SignalMath.Ramp(state.SubjectsMerged, 4, 12);
    }

    public string Explain(SubjectState state, double value) =>
        $"{state.SubjectsMerged} accounts together sent {state.Exchanges} prompts, "
        + $"{TextTokens.Percent((double)state.BenchmarkItems / Math.Max(1, state.Exchanges))} items of public collections, "
        + $"{TextTokens.Percent(1 - NoveltySignal.ReplayShare(state))} never asked twice";
}
