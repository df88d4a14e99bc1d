using DistillGuard.Core.Findings;
using DistillGuard.Core.Signals;
using DistillGuard.Core.State;

namespace DistillGuard.Core.Scoring;

/// <summary>Combines signals into a calibrated score and a verdict, and explains them.</summary>
/// <remarks>
/// The score is a logistic model: <c>score = σ(bias + Σ wᵢ·vᵢ)</c>, each signal's value <c>vᵢ</c> in [0, 1] times its
/// weight. With the default weights no single behavioural signal but reasoning-trace coercion reaches
/// <c>suspicious</c> alone, and <c>distillation</c> needs at least two independent lines of evidence. A signal's
/// contribution is its share of the evidence, <c>wᵢ·vᵢ / Σ wⱼ·vⱼ</c>, times the score.
/// </remarks>
public sealed class SubjectScorer
{
    private readonly IDetectionSignal[] _signals;
    private readonly ScoringOptions _options;

    /// <summary>Initializes a new instance of the <see cref="SubjectScorer"/> class.</summary>
    public SubjectScorer(IEnumerable<IDetectionSignal> signals, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _signals = [.. signals];
        _options = options;
    }

    /// <summary>Gets the default signals.</summary>
    public static IReadOnlyList<IDetectionSignal> DefaultSignals { get; } =
    [
        new ReasoningElicitationSignal(),
        new TemplatedHarvestSignal(),
        new LongAnswersSignal(),
        new SystematicCoverageSignal(),
        new NoveltySignal(),
        new HarvestParametersSignal(),
        new OutputVolumeSignal(),
        new AutomationSignal(),
        new InfrastructureSignal(),
        new EndUserHarvestingSignal(),
        new PeerIndicatorSignal(),
        new CollectiveSweepSignal(),
        new MultiTurnElicitationSignal(),
        new ToolHarvestSignal(),
        new EndUserSweepSignal(),
        new CollectionSweepSignal(),
        new CollectionElaborationSignal(),
    ];

    /// <summary>Gets the options.</summary>
    public ScoringOptions Options => _options;

    /// <summary>Scores a state.</summary>
    public double Score(SubjectState state, in SignalContext context) => Cap(state, Uncapped(state, context));

    /// <summary>
    /// Scores an end user on what its account answers for: without <see cref="EndUserSweepSignal"/>, which judges the
    /// end user's own choice of what to ask (a router's operator does not choose its end users' questions).
    /// </summary>
    internal double ScoreForAccount(SubjectState state, in SignalContext context) => Cap(state, Uncapped(state, context, skipEndUserSweep: true));

    private double Uncapped(SubjectState state, in SignalContext context, bool skipEndUserSweep = false)
    {
        var logit = _options.Bias;
        foreach (var signal in _signals)
        {
            if (skipEndUserSweep && signal is EndUserSweepSignal)
            {
                continue;
            }

            logit += signal.Weight * ValueOf(signal, state, context);
        }

        return 1 / (1 + Math.Exp(-logit));
    }

    private double ValueOf(IDetectionSignal signal, SubjectState state, in SignalContext context)
    {
        var value = signal.Measure(state, context);
        return context.IsMultiTenant && signal.MeasuresPooledTraffic ? value * _options.MultiTenantWeight : value;
    }

    /// <summary>
    /// Holds a subject that sends nothing but items of public benchmarks, without coercion, below
    /// <c>distillation</c>: from its traffic alone, a harness measuring pass@k on a benchmark and a harvester of that
    /// benchmark's answers cannot be told apart, so it goes to an analyst instead of to enforcement. Evidence from
    /// elsewhere (a campaign it belongs to) still lifts it. An agent whose tool results are canned
    /// (<see cref="ToolHarvestSignal"/>) is not held: evaluating an agent needs tools that answer what it did, and
    /// results that come back the same whatever the task can only be recording its trajectories.
    /// </summary>
    private double Cap(SubjectState state, double score)
    {
        var ceiling = _options.DistillationThreshold - 0.01;
        return score > ceiling && SystematicCoverageSignal.EvaluationPattern(state) >= HarnessPattern && ToolHarvestSignal.Canned(state) < CannedTools
            ? ceiling : score;
    }

    /// <summary>The canned-tool-results value from which the evaluation-harness pattern no longer holds a subject.</summary>
    internal const double CannedTools = 0.5;

    /// <summary>The evaluation-harness pattern from which a subject's own score is held below distillation.</summary>
    internal const double HarnessPattern = 0.8;

    /// <summary>Gets the verdict of a score.</summary>
    public Verdict VerdictOf(double score) =>
        score >= _options.DistillationThreshold ? Verdict.Distillation
        : score >= _options.SuspiciousThreshold ? Verdict.Suspicious
        : Verdict.Benign;

    /// <summary>Explains a state's score: each signal that measured anything, with its contribution and evidence.</summary>
    public IReadOnlyList<SignalResult> Explain(SubjectState state, in SignalContext context, double score)
    {
        Span<double> values = stackalloc double[_signals.Length];
        var total = 0.0;
        for (var i = 0; i < _signals.Length; i++)
        {
            values[i] = ValueOf(_signals[i], state, context);
            total += _signals[i].Weight * values[i];
        }

        var results = new List<SignalResult>();
        for (var i = 0; i < _signals.Length; i++)
        {
            if (values[i] < 0.01)
            {
                continue;
            }

            results.Add(new SignalResult
            {
                Name = _signals[i].Name,
                Value = values[i],
                Contribution = total <= 0 ? 0 : _signals[i].Weight * values[i] / total * score,
                Evidence = _signals[i].Explain(state, values[i]),
            });
        }

        results.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
        var pattern = SystematicCoverageSignal.EvaluationPattern(state);
        var uncapped = Uncapped(state, context);
        var capped = Cap(state, uncapped);
        if (capped < uncapped)
        {
            results.Add(new SignalResult
            {
                Name = "evaluation_harness",
                Value = pattern,
                Contribution = capped - uncapped,
                Evidence = $"{(double)state.BenchmarkItems / Math.Max(1, state.Exchanges):P0} of prompts are items of public benchmarks and none "
                    + "coerces reasoning: indistinguishable from an evaluation harness, so held at suspicious for review",
            });
        }

        return results;
    }
}
