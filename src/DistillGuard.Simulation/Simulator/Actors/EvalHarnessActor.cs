using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// An evaluation harness of the <c>eval-harness</c> population: replays fixed public benchmarks, each in one standard
/// format, a full pass per run with many parallel workers; re-runs the suite on every new model soon after release
/// and on a regression schedule, so the same prompts recur across runs and models.
/// </summary>
internal sealed class EvalHarnessActor : Actor
{
    private readonly Account _account;
    private readonly Isp _cloud;
    private readonly string[] _egress;
    private readonly ClientSoftware _software;
    private readonly List<Benchmark> _suite;
    private readonly GradeSchoolFormat _gsmFormat;
    private readonly string _cotSuffix;
    private readonly string _codeTemplate;
    private readonly bool _passAtK;
    private readonly bool _shuffle;
    private readonly int _concurrency;
    private readonly int? _maxTokens;
    private readonly long? _seed;
    private readonly List<(DateTimeOffset At, SimModel Model, string? Effort)> _runs = [];

    public EvalHarnessActor(SimulationContext context, EvalHarnessPopulationSpec spec)
        : base(context)
    {
        var country = Random.Pick(["US", "US", "GB", "DE", "FR", "CA"]);
        _account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = EmailDomains.Organisation(Random),
                SignupTimestamp = OldSignup(120, 1000),
                Country = country,
                Plan = Random.Chance(0.6) ? "enterprise" : "pay_as_you_go",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign),
            Random.Next(1, 4));
        _cloud = Random.Pick(Random.Chance(0.8) ? Geo.EnterpriseClouds : Geo.BudgetHosting);
        _egress = _cloud.NewAddresses(Random, Random.Next(1, 5));
        _software = Random.Next(3) switch
        {
            0 => Clients.AsyncPythonOpenAi(Random),
            1 => Clients.Aiohttp(Random),
            _ => Clients.PythonOpenAi(Random),
        };
        _suite = Random.Sample(Enum.GetValues<Benchmark>(), Random.In(spec.BenchmarksPerHarness));
        _gsmFormat = (GradeSchoolFormat)Random.Next(Enum.GetValues<GradeSchoolFormat>().Length);
        _cotSuffix = Random.Pick(BenignPhrasings.EvalCotSuffixes);
        _codeTemplate = Random.Pick(EvalFormats.CodeCompletionTemplates);
        _passAtK = Random.Chance(0.35);
        _shuffle = Random.Chance(0.5);
        _concurrency = Random.In(spec.Concurrency);
        _maxTokens = Random.Chance(0.5) ? Random.Pick([1024, 2048, 4096]) : null;
        _seed = Random.Chance(0.4) ? 0 : null;
        PlanRuns(spec);
    }

    private enum Benchmark
    {
        Gsm8k,
        HumanEval,
        MtBench,
        ArenaHard,
        VicunaBench,
    }

    private enum GradeSchoolFormat
    {
        Raw,
        ChainOfThought,
        FewShot,
        AnswerCue,
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        var sliceEnd = sliceStart.AddDays(1);
        foreach (var (at, model, effort) in _runs)
        {
            if (at >= sliceStart && at < sliceEnd)
            {
                Run(at, model, effort);
            }
        }
    }

    private void PlanRuns(EvalHarnessPopulationSpec spec)
    {
        var models = Context.Models;

        // Every new release is evaluated within hours, often with several reasoning settings.
        foreach (var release in models.NewReleases)
        {
            var at = release.ReleasedAt.AddHours(Random.Uniform(0.5, 20));
            _runs.Add((at, release, null));
            if (release.Reasoning && Random.Chance(0.5))
            {
                _runs.Add((at.AddHours(Random.Uniform(0.5, 6)), release, "high"));
            }

            // The model it replaces is re-run for a side-by-side comparison.
            var previous = models.All.Where(m => m.Tier == release.Tier && m.ReleasedAt < release.ReleasedAt).MaxBy(m => m.ReleasedAt);
            if (previous is not null && Random.Chance(0.5))
            {
                _runs.Add((at.AddHours(Random.Uniform(0.2, 3)), previous, null));
            }
        }

        // Regression runs on a schedule, on whichever models the team tracks.
        var interval = Random.In(spec.RegressionIntervalDays);
        for (var day = Random.Next(interval); day < Context.Days; day += interval)
        {
            var at = Context.DayStart(day).AddHours(Random.Uniform(0, 24));
            var available = models.AvailableAt(at);
            var model = Random.Chance(0.6)
                ? models.Latest(ModelTier.Flagship, at)
                : Random.Pick(available);
            _runs.Add((at, model, null));
        }

        _runs.Sort((a, b) => a.At.CompareTo(b.At));
    }

    private void Run(DateTimeOffset start, SimModel model, string? effort)
    {
        var at = start;
        var averageSeconds = (model.Reasoning ? 14.0 : 5.0) / _concurrency;
        foreach (var benchmark in _suite)
        {
            var items = Items(benchmark);
            if (_shuffle)
            {
                Random.Shuffle(items);
            }

            foreach (var (prompt, followUp, category) in items)
            {
                at = at.AddSeconds(Random.Exponential(averageSeconds));
                var spec = Request(benchmark, model, effort, prompt, category, history: null);
                var output = Emit(at, spec);
                if (followUp is not null)
                {
                    var conversation = new List<ChatMessage>(spec.Messages) { new("assistant", output ?? string.Empty), new("user", followUp) };
                    Emit(at.AddSeconds(Random.Uniform(3, 40)), Request(benchmark, model, effort, followUp, category, conversation));
                }
            }

            at = at.AddSeconds(Random.Uniform(20, 600));
        }
    }

    private string? Emit(DateTimeOffset at, RequestSpec spec) =>
        Context.Exchanges.Emit(at, _account, _account.Subject, null, _cloud.Client(Random.Pick(_egress), _software), spec, Random, ErrorProfile.Automated);

    private List<(string Prompt, string? FollowUp, string Category)> Items(Benchmark benchmark)
    {
        var corpus = Context.Corpus;
        return benchmark switch
        {
            Benchmark.Gsm8k => [.. corpus.Gsm8k.Select(p => (p.Text, (string?)null, "math"))],
            Benchmark.HumanEval => [.. corpus.HumanEval.Select(p => (p.Text, (string?)null, "coding"))],
            Benchmark.MtBench => [.. corpus.MtBenchTurn1.Select(p => (p.Text, corpus.MtBenchFollowUps.TryGetValue(p.Id, out var t2) ? t2.Text : null, p.Category))],
            Benchmark.ArenaHard => [.. corpus.Arena.Select(p => (p.Text, (string?)null, corpus.IsCoding(p) ? "coding" : "general"))],
            _ => [.. corpus.VicunaBench.Select(p => (p.Text, (string?)null, p.Category))],
        };
    }

    private RequestSpec Request(Benchmark benchmark, SimModel model, string? effort, string prompt, string category, List<ChatMessage>? history)
    {
        IReadOnlyList<ChatMessage> messages;
        var stepwise = false;
        double? temperature = 0;
        int? n = null;
        ContentKind kind;
        double tokens;
        switch (benchmark)
        {
            case Benchmark.Gsm8k:
                (prompt, stepwise) = _gsmFormat switch
                {
                    GradeSchoolFormat.ChainOfThought => (prompt + "\n" + _cotSuffix, true),
                    GradeSchoolFormat.FewShot => (EvalFormats.GradeSchoolFewShot + EvalFormats.QuestionAnswer(prompt), true),
                    GradeSchoolFormat.AnswerCue => (EvalFormats.QuestionAnswer(prompt), false),
                    _ => (prompt, false),
                };
                messages = [new("user", prompt)];
                kind = ContentKind.Math;
                tokens = stepwise ? 220 : 150;
                break;
            case Benchmark.HumanEval:
                messages = [new("user", _codeTemplate.Replace("{code}", prompt, StringComparison.Ordinal))];
                if (_passAtK)
                {
                    n = Random.Chance(0.5) ? 10 : 20;
                    temperature = 0.8;
                }

                kind = ContentKind.Code;
                tokens = 170;
                break;
            default:
                // FastChat's MT-Bench judge config samples writing and role-play at 0.7, extraction and STEM at 0.1.
                temperature = category switch
                {
                    "writing" or "roleplay" => 0.7,
                    "extraction" or "stem" or "humanities" => 0.1,
                    _ => 0.0,
                };
                messages = history is not null ? [.. history] : [new("system", SystemPrompts.Helpful), new("user", prompt)];
                kind = category switch
                {
                    "math" => ContentKind.Math,
                    "coding" => ContentKind.Code,
                    "writing" or "roleplay" => ContentKind.Creative,
                    _ => ContentKind.Prose,
                };
                tokens = benchmark == Benchmark.ArenaHard ? 650 : 420;
                break;
        }

        return new RequestSpec
        {
            Model = model,
            Messages = messages,
            Temperature = temperature,
            N = n,
            MaxTokens = model.Reasoning ? null : _maxTokens,
            MaxCompletionTokens = model.Reasoning && _maxTokens is not null ? _maxTokens * 4 : null,
            ReasoningEffort = effort,
            Seed = _seed,
            Kind = kind,
            Stepwise = stepwise,
            AnswerTokens = tokens * Random.Uniform(0.7, 1.4),
        };
    }
}
