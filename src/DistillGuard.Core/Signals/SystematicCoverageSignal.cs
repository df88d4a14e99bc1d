using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Systematic coverage: prompts sweep many tasks of a taxonomy evenly, like a checklist, and draw on public task
/// collections, instead of returning to a user's few needs.
/// </summary>
/// <remarks>
/// Coverage is the normalised Shannon entropy of the subject's topic histogram (<see cref="TopicClassifier"/>) times
/// the share of the taxonomy it touched; items of public benchmark and instruction sets that are not replayed add to
/// it (a harvester works through such collections once; a harness replays them, see <see cref="NoveltySignal"/>).
/// </remarks>
internal sealed class SystematicCoverageSignal : IDetectionSignal
{
    public string Name => "systematic_coverage";

    public double Weight => 2.0;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var (topics, evenness) = Spread(state);
        var breadth = SignalMath.Ramp(topics, 5, 14) * evenness;

        // Working through public collections counts as coverage, unless the subject sends nothing else: that is an
        // evaluation harness, whose sweep of a benchmark is its purpose.
        var benchmarkShare = SignalMath.Share(state.BenchmarkItems, state.Exchanges, 3);
        var harness = EvaluationPattern(state);
        var collections = benchmarkShare * (1 - NoveltySignal.ReplayShare(state)) * (1 - harness);
        return Math.Max(breadth * (1 - 0.5 * harness), collections) * SignalMath.Confidence(state.Exchanges, 8, 40);
    }

    public string Explain(SubjectState state, double value)
    {
        var (topics, _) = Spread(state);
        var bench = state.Exchanges == 0 ? 0 : (double)state.BenchmarkItems / state.Exchanges;
        return $"prompts cover {topics} of {TopicClassifier.TopicCount} task topics ({TopTopics(state)}); "
            + $"{TextTokens.Percent(bench)} are items of public benchmark or instruction sets";
    }

    /// <summary>
    /// How much the subject looks like an evaluation harness: nearly all its prompts are items of public benchmark
    /// sets, and it does not demand reasoning traces. 0 to 1.
    /// </summary>
    internal static double EvaluationPattern(SubjectState state)
    {
        if (state.Exchanges < 10)
        {
            return 0;
        }

        var benchmark = (double)state.BenchmarkItems / state.Exchanges;
        var coercion = (double)state.CoercionStrong / state.Exchanges;
        return SignalMath.Ramp(benchmark, 0.7, 0.95) * (1 - SignalMath.Ramp(coercion, 0.02, 0.1));
    }

    private static string TopTopics(SubjectState state)
    {
        var top = Enumerable.Range(0, state.Topics.Length).Where(i => state.Topics[i] > 0)
            .OrderByDescending(i => state.Topics[i]).Take(4).Select(TopicClassifier.Name);
        return string.Join(", ", top);
    }

    internal static (int Topics, double Evenness) Spread(SubjectState state)
    {
        if (state.TopicKnown == 0)
        {
            return (0, 0);
        }

        var topics = 0;
        var entropy = 0.0;
        foreach (var count in state.Topics)
        {
            if (count == 0)
            {
                continue;
            }

            topics++;
            var p = (double)count / state.TopicKnown;
            entropy -= p * Math.Log(p);
        }

        return (topics, topics <= 1 ? 0 : entropy / Math.Log(topics));
    }
}
