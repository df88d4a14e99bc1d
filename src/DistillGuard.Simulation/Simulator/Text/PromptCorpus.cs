using System.Reflection;
using System.Text.Json;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// The public prompt corpora shipped in data/corpora and embedded in this assembly, split the way the simulation uses
/// them: benign chat and role-play prompts, and distillation-style benchmark and seed-task prompts.
/// </summary>
internal sealed class PromptCorpus
{
    private const string ResourcePrefix = "DistillGuard.Simulation.Corpora.";

    private static readonly HashSet<string> CodingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "coding", "python", "function", "javascript", "typescript", "sql", "program", "programming", "script",
        "rust", "java", "bug", "compile", "regex", "api", "html", "css", "react", "linux", "bash", "git", "docker",
        "algorithm", "json", "golang", "kotlin", "numpy", "pandas", "django", "flask", "node", "excel", "vba", "powershell",
    };

    private static readonly string[] CodingMarkers = ["c++", "c#", "```", "def ", "();"];

    private readonly HashSet<string> _coding;

    private PromptCorpus(IReadOnlyDictionary<string, List<CorpusPrompt>> files)
    {
        Gsm8k = files["gsm8k_test.jsonl"];
        HumanEval = files["humaneval.jsonl"];
        Arena = files["arena_hard_v0.1.jsonl"];
        Awesome = files["awesome_chatgpt_prompts.jsonl"];
        Oasst = files["oasst_prompts.jsonl"];
        var selfInstruct = files["self_instruct.jsonl"];
        SelfInstructSeeds = [.. selfInstruct.Where(p => p.Id.Contains("seed_task", StringComparison.Ordinal))];
        SelfInstructUser = [.. selfInstruct.Where(p => p.Id.Contains("user_oriented", StringComparison.Ordinal))];

        var fastchat = files["fastchat_llm_judge_questions.jsonl"];
        MtBenchTurn1 = [.. fastchat.Where(p => p.Id.StartsWith("mt_bench-", StringComparison.Ordinal) && p.Id.EndsWith("-t1", StringComparison.Ordinal))];
        var turn2 = fastchat.Where(p => p.Id.EndsWith("-t2", StringComparison.Ordinal)).ToDictionary(p => p.Id[..^3], StringComparer.Ordinal);
        MtBenchFollowUps = MtBenchTurn1.Where(t1 => turn2.ContainsKey(t1.Id[..^3])).ToDictionary(t1 => t1.Id, t1 => turn2[t1.Id[..^3]], StringComparer.Ordinal);
        VicunaBench = [.. fastchat.Where(p => p.Id.StartsWith("vicuna_bench-", StringComparison.Ordinal))];

        _coding = new HashSet<string>(Arena.Concat(Oasst).Where(LooksLikeCoding).Select(p => p.Id), StringComparer.Ordinal);
        ArenaCoding = [.. Arena.Where(IsCoding)];
        ArenaGeneral = [.. Arena.Where(p => !IsCoding(p))];
        OasstCoding = [.. Oasst.Where(IsCoding)];
        OasstGeneral = [.. Oasst.Where(p => !IsCoding(p))];
    }

    /// <summary>Gets GSM8K test questions (distillation-style math).</summary>
    public IReadOnlyList<CorpusPrompt> Gsm8k { get; }

    /// <summary>Gets HumanEval function signatures with docstrings (distillation-style coding).</summary>
    public IReadOnlyList<CorpusPrompt> HumanEval { get; }

    /// <summary>Gets Arena-Hard prompts (dual-use: real user queries and a benchmark).</summary>
    public IReadOnlyList<CorpusPrompt> Arena { get; }

    public IReadOnlyList<CorpusPrompt> ArenaCoding { get; }

    public IReadOnlyList<CorpusPrompt> ArenaGeneral { get; }

    /// <summary>Gets awesome-chatgpt-prompts role-play prompts (benign).</summary>
    public IReadOnlyList<CorpusPrompt> Awesome { get; }

    /// <summary>Gets Open-Assistant user prompts (benign chat).</summary>
    public IReadOnlyList<CorpusPrompt> Oasst { get; }

    public IReadOnlyList<CorpusPrompt> OasstCoding { get; }

    public IReadOnlyList<CorpusPrompt> OasstGeneral { get; }

    /// <summary>Gets the Self-Instruct seed tasks (distillation-style).</summary>
    public IReadOnlyList<CorpusPrompt> SelfInstructSeeds { get; }

    /// <summary>Gets the Self-Instruct user-oriented instructions (app-like, also an eval set).</summary>
    public IReadOnlyList<CorpusPrompt> SelfInstructUser { get; }

    /// <summary>Gets MT-Bench first turns, in benchmark order.</summary>
    public IReadOnlyList<CorpusPrompt> MtBenchTurn1 { get; }

    /// <summary>Gets each MT-Bench first turn's follow-up (second turn), keyed by the first turn's id.</summary>
    public IReadOnlyDictionary<string, CorpusPrompt> MtBenchFollowUps { get; }

    /// <summary>Gets Vicuna-bench questions.</summary>
    public IReadOnlyList<CorpusPrompt> VicunaBench { get; }

    public static PromptCorpus LoadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, List<CorpusPrompt>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded corpus {name} cannot be opened.");
            files[name[ResourcePrefix.Length..]] = Read(stream, name);
        }

        string[] expected =
        [
            "gsm8k_test.jsonl", "humaneval.jsonl", "arena_hard_v0.1.jsonl", "awesome_chatgpt_prompts.jsonl",
            "oasst_prompts.jsonl", "self_instruct.jsonl", "fastchat_llm_judge_questions.jsonl",
        ];
        var missing = expected.Where(e => !files.ContainsKey(e)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The simulator assembly lacks the embedded corpora {string.Join(", ", missing)}; build it from a checkout with data/corpora.");
        }

        return new PromptCorpus(files);
    }

    private static List<CorpusPrompt> Read(Stream stream, string name)
    {
        var prompts = new List<CorpusPrompt>();
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var prompt = JsonSerializer.Deserialize(line, CorpusJsonContext.Default.CorpusPrompt)
                ?? throw new InvalidDataException($"{name} line {number}: null record");
            prompts.Add(prompt);
        }

        return prompts;
    }

    /// <summary>Gets whether an Arena-Hard or Open-Assistant prompt is about programming.</summary>
    public bool IsCoding(CorpusPrompt prompt) => _coding.Contains(prompt.Id);

    private static bool LooksLikeCoding(CorpusPrompt prompt)
    {
        var text = prompt.Text;
        foreach (var marker in CodingMarkers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsAsciiLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (CodingWords.Contains(text[start..i]))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }
}
