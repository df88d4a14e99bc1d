using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// An evaluation vendor of the <c>eval-vendor</c> population: pass@k runs of HumanEval, GSM8K and MT-Bench with
/// <c>n</c> choices per request, on the day's models on a regression schedule and on a new flagship within hours.
/// </summary>
internal sealed class EvalVendorActor : Actor
{
    private readonly EvalVendorPopulationSpec _spec;
    private readonly Account _account;
    private readonly Isp _network;
    private readonly string[] _ips;
    private readonly ClientSoftware _software;
    private readonly string _codeTemplate;
    private readonly string _mathSuffix;
    private readonly int _choices;
    private readonly List<(DateTimeOffset At, SimModel? Model)> _runs = [];

    public EvalVendorActor(SimulationContext context, EvalVendorPopulationSpec spec)
        : base(context)
    {
        _spec = spec;
        _account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = EmailDomains.Organisation(Random),
                SignupTimestamp = OldSignup(120, 900),
                Country = Random.Pick(["US", "US", "GB", "DE", "FR"]),
                Plan = "enterprise",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign),
            Random.Next(1, 4));
        _network = Random.Pick(Geo.EnterpriseClouds);
        _ips = _network.NewAddresses(Random, Random.Next(1, 4));
        _software = Random.Chance(0.6) ? Clients.AsyncPythonOpenAi(Random) : Clients.Aiohttp(Random);
        _codeTemplate = Random.Pick(["Complete the following Python function.\n\n```python\n{code}\n```", "{code}", "Write a Python function that satisfies this specification:\n\n{code}"]);
        _mathSuffix = Random.Pick(BenignPhrasings.EvalCotSuffixes);
        _choices = Random.In(spec.Choices);

        var interval = Random.In(spec.RegressionIntervalDays);
        for (var day = Random.Next(0, interval); day < context.Days; day += interval)
        {
            _runs.Add((DayStart(day).AddHours(Random.Uniform(1, 6)), null));
        }

        foreach (var release in context.Models.NewReleases.Where(m => m.Tier == ModelTier.Flagship))
        {
            _runs.Add((release.ReleasedAt.AddHours(Random.Uniform(1, 8)), release));
        }
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        foreach (var (start, model) in _runs.Where(r => r.At >= sliceStart && r.At < sliceStart.AddDays(1)))
        {
            var target = model ?? Context.Models.Latest(ModelTier.Flagship, start);
            var at = start;

            // A worker pool of 8 to 16 sends requests concurrently, so they come a fraction of a second apart.
            foreach (var stub in Context.Corpus.HumanEval)
            {
                Send(at, target, _codeTemplate.Replace("{code}", stub.Text, StringComparison.Ordinal), ContentKind.Code, 0.8, 180);
                at = at.AddSeconds(Random.Exponential(0.9));
            }

            foreach (var problem in Random.Sample(Context.Corpus.Gsm8k, 400))
            {
                Send(at, target, problem.Text + "\n" + _mathSuffix, ContentKind.Math, 0.7, 220);
                at = at.AddSeconds(Random.Exponential(0.6));
            }

            foreach (var question in Context.Corpus.MtBenchTurn1)
            {
                Send(at, target, question.Text, ContentKind.Prose, 0.7, 420);
                at = at.AddSeconds(Random.Exponential(0.8));
            }
        }
    }

    private void Send(DateTimeOffset at, SimModel model, string prompt, ContentKind kind, double temperature, double tokens)
    {
        var request = new RequestSpec
        {
            Model = model,
            Messages = [new ChatMessage("user", prompt)],
            Temperature = temperature,
            N = _choices,
            MaxTokens = model.Reasoning ? null : 1024,
            MaxCompletionTokens = model.Reasoning ? 4096 : null,
            Kind = kind,
            Stepwise = kind == ContentKind.Math,
            AnswerTokens = tokens * Random.Uniform(0.7, 1.4),
        };
        Context.Exchanges.Emit(at, _account, _account.Subject, null, _network.Client(Random.Pick(_ips), _software), request, Random, ErrorProfile.Automated);
    }
}
