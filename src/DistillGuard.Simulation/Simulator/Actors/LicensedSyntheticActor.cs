using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A licensed synthetic-data customer of the <c>licensed-synthetic</c> population: an enterprise account generating
/// training data under contract from cloud workers, around the clock, sweeping the public collections through its
/// data-generation template with several choices per request. The provider allow-lists it; nothing in the traffic says so.
/// </summary>
internal sealed class LicensedSyntheticActor : Actor
{
    private static readonly string[] Templates =
    [
        "Write a high-quality, helpful response to the following instruction. Explain your reasoning where it helps the reader.\n\n### Instruction:\n{q}\n\n### Response:",
        "You are generating reference answers for a training dataset. Answer the task below accurately and completely.\n\nTask: {q}",
        "Respond to the user request below as an expert assistant would.\n\n<request>\n{q}\n</request>",
    ];

    private readonly LicensedSyntheticPopulationSpec _spec;
    private readonly Account _account;
    private readonly Isp _network;
    private readonly string[] _ips;
    private readonly ClientSoftware _software;
    private readonly CollectiveSweep _sweep;
    private readonly string _template;
    private readonly double _utcOffset;

    public LicensedSyntheticActor(SimulationContext context, LicensedSyntheticPopulationSpec spec)
        : base(context)
    {
        _spec = spec;
        var country = Random.Pick(["US", "US", "GB", "DE", "SG"]);
        _account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = EmailDomains.Organisation(Random),
                SignupTimestamp = OldSignup(120, 700),
                Country = country,
                Plan = "enterprise",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign),
            Random.Next(2, 5));
        context.AllowList.Add(new AllowListEntry
        {
            AccountId = _account.Id,
            Population = spec.PopulationName,
            Reason = "licensed synthetic-data customer (contract covers training on outputs)",
        });
        _network = Random.Pick(Random.Chance(0.6) ? Geo.EnterpriseClouds : Geo.BudgetHosting);
        _ips = _network.NewAddresses(Random, Random.Next(3, 12));
        _software = Random.Chance(0.5) ? Clients.AsyncPythonOpenAi(Random) : Clients.Httpx(Random);
        _sweep = new CollectiveSweep(context.Corpus, [CorpusSource.SelfInstruct, CorpusSource.ArenaHard, CorpusSource.Oasst, CorpusSource.Gsm8k, CorpusSource.HumanEval, CorpusSource.FastChat], Random);
        _template = Random.Pick(Templates);
        _utcOffset = Random.Pick([-5.0, 0, 1, 8]);
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        var count = Random.In(_spec.ExchangesPerDay);
        for (var i = 0; i < count; i++)
        {
            // A worker pool runs all day; operators start a larger run in their working hours.
            var at = Random.Chance(0.6)
                ? sliceStart.AddSeconds(Random.Uniform(0, 86_400))
                : Diurnal.Sample(sliceStart, _utcOffset, Diurnal.Office, Random);
            var item = _sweep.Next(out _);
            var choices = Random.In(_spec.Choices);
            var request = new RequestSpec
            {
                Model = Context.Models.Latest(ModelTier.Flagship, at),
                Messages = [new ChatMessage("user", _template.Replace("{q}", item.Question, StringComparison.Ordinal))],
                Temperature = 0.9,
                TopP = 0.95,
                N = choices > 1 ? choices : null,
                MaxCompletionTokens = 8192,
                ReasoningEffort = "high",
                Kind = item.Kind,
                Stepwise = true,
                AnswerTokens = Random.LogNormal(900, 0.45),
            };
            Context.Exchanges.Emit(at, _account, _account.Subject, null, _network.Client(Random.Pick(_ips), _software), request, Random, ErrorProfile.Automated);
        }
    }
}
