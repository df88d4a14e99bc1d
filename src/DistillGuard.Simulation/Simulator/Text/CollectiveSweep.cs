using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// One operation's queue of corpus items, shared by all its accounts: every item of the chosen public collections
/// once, in a shuffled order, before any comes back; GSM8K problems come back with fresh numbers (new problems), the
/// rest as they are (the paraphraser rewords them anyway). Each account takes the next item when it sends a prompt, so
/// the accounts together cover the collections with almost no repeats while no single account looks systematic.
/// </summary>
internal sealed class CollectiveSweep
{
    private readonly PromptCorpus _corpus;
    private readonly SimRandom _random;
    private readonly List<(CorpusSource Source, int Index)> _order = [];
    private readonly CorpusPrompt[] _fastChat;
    private int _cursor;

    public CollectiveSweep(PromptCorpus corpus, IReadOnlyList<CorpusSource> sources, SimRandom random)
    {
        _corpus = corpus;
        _random = random;
        _fastChat = [.. corpus.MtBenchTurn1, .. corpus.VicunaBench];
        foreach (var source in sources.Distinct())
        {
            var length = Length(source);
            for (var i = 0; i < length; i++)
            {
                _order.Add((source, i));
            }
        }

        random.Shuffle(_order);
    }

    /// <summary>Gets how many items one pass over the collections holds.</summary>
    public int PassLength => _order.Count;

    /// <summary>Gets how many items have been taken so far.</summary>
    public int Taken => _cursor;

    /// <summary>Takes the next item; <paramref name="id"/> names the underlying corpus item (and the pass, for GSM8K problems with fresh numbers).</summary>
    public HarvestItem Next(out string id)
    {
        var position = _cursor++;
        var (source, index) = _order[position % _order.Count];
        var pass = position / _order.Count;
        switch (source)
        {
            case CorpusSource.Gsm8k:
                var problem = _corpus.Gsm8k[index];
                id = pass == 0 ? problem.Id : problem.Id + "#" + pass.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new HarvestItem(pass == 0 ? problem.Text : QuestionForge.PerturbNumbers(problem.Text, _random), "mathematics", "word problems", ContentKind.Math);
            case CorpusSource.HumanEval:
                var stub = _corpus.HumanEval[index];
                id = stub.Id;
                return new HarvestItem(stub.Text, "computer science", "Python programming", ContentKind.Code);
            case CorpusSource.ArenaHard:
                var arena = _corpus.Arena[index];
                id = arena.Id;
                var coding = _corpus.IsCoding(arena);
                return new HarvestItem(arena.Text, coding ? "computer science" : "general", coding ? "programming" : "open-ended", coding ? ContentKind.Code : ContentKind.Prose);
            case CorpusSource.Oasst:
                var chat = _corpus.Oasst[index];
                id = chat.Id;
                return new HarvestItem(chat.Text, "general", "chat", _corpus.IsCoding(chat) ? ContentKind.Code : ContentKind.Prose);
            case CorpusSource.SelfInstruct:
                var task = index < _corpus.SelfInstructSeeds.Count ? _corpus.SelfInstructSeeds[index] : _corpus.SelfInstructUser[index - _corpus.SelfInstructSeeds.Count];
                id = task.Id;
                return new HarvestItem(task.Text, "general", "instruction following", ContentKind.Prose);
            default:
                var question = _fastChat[index];
                id = question.Id;
                _corpus.MtBenchFollowUps.TryGetValue(question.Id, out var second);
                return new HarvestItem(question.Text, question.Category, question.Category, question.Category switch
                {
                    "math" => ContentKind.Math,
                    "coding" => ContentKind.Code,
                    "writing" or "roleplay" => ContentKind.Creative,
                    _ => ContentKind.Prose,
                }, second?.Text);
        }
    }

    private int Length(CorpusSource source) => source switch
    {
        CorpusSource.Gsm8k => _corpus.Gsm8k.Count,
        CorpusSource.HumanEval => _corpus.HumanEval.Count,
        CorpusSource.ArenaHard => _corpus.Arena.Count,
        CorpusSource.Oasst => _corpus.Oasst.Count,
        CorpusSource.SelfInstruct => _corpus.SelfInstructSeeds.Count + _corpus.SelfInstructUser.Count,
        _ => _fastChat.Length,
    };
}
