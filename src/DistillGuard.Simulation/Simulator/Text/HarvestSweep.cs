using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// A harvest's systematic walk through distillation-style material: each source is consumed in order from a starting
/// point, the taxonomy concept by concept; once a source is exhausted the walk goes round again with new question
/// patterns and fresh numbers, so prompts rarely repeat.
/// </summary>
internal sealed class HarvestSweep
{
    private readonly PromptCorpus _corpus;
    private readonly SimRandom _random;
    private readonly IReadOnlyList<Weighted<SweepStream>> _mix;
    private readonly (TopicField Field, TopicSubfield Subfield, string Concept)[] _concepts;
    private readonly CorpusPrompt[] _selfInstruct;
    private readonly int[] _cursors;
    private readonly int _patternSalt;

    /// <param name="corpus">The corpora.</param>
    /// <param name="random">The owner's generator.</param>
    /// <param name="mix">How often each source is drawn.</param>
    /// <param name="startFraction">Where in each source the walk starts, as a fraction of its length (operations split the sweep between accounts this way).</param>
    public HarvestSweep(PromptCorpus corpus, SimRandom random, IReadOnlyList<Weighted<SweepStream>> mix, double startFraction)
    {
        _corpus = corpus;
        _random = random;
        _mix = mix;
        _concepts = [.. TopicTaxonomy.Walk()];
        _selfInstruct = [.. corpus.SelfInstructSeeds, .. corpus.SelfInstructUser];
        _patternSalt = random.Next(16);
        _cursors = new int[Enum.GetValues<SweepStream>().Length];
        foreach (var stream in Enum.GetValues<SweepStream>())
        {
            _cursors[(int)stream] = (int)(Length(stream) * Math.Clamp(startFraction, 0, 1));
        }
    }

    /// <summary>A mix that draws on every source.</summary>
    public static IReadOnlyList<Weighted<SweepStream>> Broad { get; } =
    [
        new(SweepStream.Taxonomy, 4), new(SweepStream.Gsm8k, 2.5), new(SweepStream.HumanEval, 1), new(SweepStream.Arena, 1.5),
        new(SweepStream.SelfInstruct, 1), new(SweepStream.MtBench, 0.5),
    ];

    /// <summary>A mix for sweeps that work through a taxonomy of topics with little benchmark material.</summary>
    public static IReadOnlyList<Weighted<SweepStream>> TopicFirst { get; } =
    [
        new(SweepStream.Taxonomy, 7), new(SweepStream.Arena, 1), new(SweepStream.SelfInstruct, 1), new(SweepStream.MtBench, 1),
        new(SweepStream.Gsm8k, 0.5),
    ];

    /// <summary>A mix weighted to reasoning-heavy material (math and code).</summary>
    public static IReadOnlyList<Weighted<SweepStream>> ReasoningHeavy { get; } =
    [
        new(SweepStream.Gsm8k, 4), new(SweepStream.HumanEval, 1.5), new(SweepStream.Taxonomy, 3), new(SweepStream.Arena, 1.5),
        new(SweepStream.MtBench, 0.5),
    ];

    public HarvestItem Next()
    {
        var stream = _random.PickWeighted(_mix);
        var position = _cursors[(int)stream]++;
        return Item(stream, position);
    }

    private HarvestItem Item(SweepStream stream, int position)
    {
        var length = Length(stream);
        var index = position % length;
        var pass = position / length;
        switch (stream)
        {
            case SweepStream.Taxonomy:
                var (field, subfield, concept) = _concepts[index];
                return QuestionForge.ConceptQuestion(field, subfield, concept, pass + _patternSalt, _random);

            case SweepStream.Gsm8k:
                var problem = _corpus.Gsm8k[index].Text;
                if (pass > 0 || _random.Chance(0.65))
                {
                    problem = QuestionForge.PerturbNumbers(problem, _random);
                }

                return new HarvestItem(problem, "mathematics", "arithmetic word problems", ContentKind.Math);

            case SweepStream.HumanEval:
                return new HarvestItem(QuestionForge.CodingInstruction(_corpus.HumanEval[index].Text, _random), "computer science", "Python programming", ContentKind.Code);

            case SweepStream.Arena:
                var arena = _corpus.Arena[index].Text;
                var coding = _corpus.IsCoding(_corpus.Arena[index]);
                return new HarvestItem(
                    pass > 0 ? QuestionForge.Reframe(arena, _random) : arena,
                    coding ? "computer science" : "general knowledge",
                    coding ? "programming" : "open-ended questions",
                    coding ? ContentKind.Code : ContentKind.Prose);

            case SweepStream.SelfInstruct:
                var task = _selfInstruct[index].Text;
                return new HarvestItem(pass > 0 ? QuestionForge.Reframe(task, _random) : task, "general", "instruction following", ContentKind.Prose);

            default:
                var turn1 = _corpus.MtBenchTurn1[index];
                _corpus.MtBenchFollowUps.TryGetValue(turn1.Id, out var turn2);
                return new HarvestItem(
                    pass > 0 ? QuestionForge.Reframe(turn1.Text, _random) : turn1.Text,
                    turn1.Category,
                    turn1.Category + " tasks",
                    turn1.Category switch
                    {
                        "math" => ContentKind.Math,
                        "coding" => ContentKind.Code,
                        "writing" or "roleplay" => ContentKind.Creative,
                        _ => ContentKind.Prose,
                    },
                    turn2?.Text);
        }
    }

    private int Length(SweepStream stream) => stream switch
    {
        SweepStream.Taxonomy => _concepts.Length,
        SweepStream.Gsm8k => _corpus.Gsm8k.Count,
        SweepStream.HumanEval => _corpus.HumanEval.Count,
        SweepStream.Arena => _corpus.Arena.Count,
        SweepStream.SelfInstruct => _selfInstruct.Length,
        _ => _corpus.MtBenchTurn1.Count,
    };
}
