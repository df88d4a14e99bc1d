using System.Globalization;
using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Templated harvesting: a large share of the subject's prompts share one skeleton (the same opening or closing words
/// around a variable slot) and collect long answers.
/// </summary>
/// <remarks>
/// Skeletons are the hashes of a prompt's first and last <see cref="Features.FeatureExtractor.SkeletonTokens"/>
/// normalised tokens (digits masked), counted in a Space-Saving summary. A template that extracts short answers is a
/// batch job or a classifier, so the share is weighted by how long the answers are.
/// </remarks>
internal sealed class TemplatedHarvestSignal : IDetectionSignal
{
    public string Name => "templated_harvest";

    public double Weight => 2.5;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var share = TemplateShare(state);
        return SignalMath.Ramp(share, 0.3, 0.8) * SignalMath.Ramp(state.MeanOutputTokens, 150, 700)
            * SignalMath.Confidence(state.SkeletonEligible, 5, 20);
    }

    public string Explain(SubjectState state, double value)
    {
        return $"{TextTokens.Percent(TemplateShare(state))} of prompts share one skeleton with a variable slot; "
            + $"answers average {state.MeanOutputTokens.ToString("0", CultureInfo.InvariantCulture)} tokens";
    }

    internal static double TemplateShare(SubjectState state)
    {
        if (state.SkeletonEligible == 0)
        {
            return 0;
        }

        var top = state.TopSkeleton().Count;
        return SignalMath.Share(Math.Min(top, state.SkeletonEligible), state.SkeletonEligible, 2);
    }
}
