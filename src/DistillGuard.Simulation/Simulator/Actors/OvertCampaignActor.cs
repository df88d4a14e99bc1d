using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// An overt harvest (<c>overt</c>): a few young accounts on rented servers sending distillation-style prompts around
/// the clock, with coercion wrappers, several choices per prompt, log-probabilities and huge output budgets.
/// </summary>
internal sealed class OvertCampaignActor : CampaignActor
{
    private static readonly int[] Budgets = [32000, 48000, 65536];

    private readonly List<(Account Account, HarvestSettings Settings)> _accounts = [];
    private readonly OvertCampaignSpec _spec;
    private readonly HarvestSweep _sweep;
    private readonly IReadOnlyList<CoercionWrapper> _wrappers;
    private readonly Isp _network;
    private readonly string[] _ips;
    private readonly ClientSoftware _software;

    public OvertCampaignActor(SimulationContext context, OvertCampaignSpec spec)
        : base(context, spec)
    {
        _spec = spec;
        _sweep = new HarvestSweep(context.Corpus, Random, HarvestSweep.Broad, Random.NextDouble());
        _wrappers = FavouriteWrappers(context.Phrasebook.EnglishWrappers.Count > 0 ? context.Phrasebook.EnglishWrappers : context.Phrasebook.Wrappers, 4, 8);
        _network = Random.Pick(Random.Chance(0.6) ? Geo.BudgetHosting : Geo.AsianClouds);
        _ips = _network.NewAddresses(Random, Random.Next(2, 5));
        _software = Random.Next(3) switch
        {
            0 => Clients.Httpx(Random),
            1 => Clients.AsyncPythonOpenAi(Random),
            _ => Clients.Aiohttp(Random),
        };

        var domain = EmailDomains.Organisation(Random);
        var sharedPayment = context.Ids.PaymentFingerprint();
        var country = Random.Pick(["SG", "US", "HK", "GB"]);
        var count = context.Scaled(spec.Accounts);
        for (var i = 0; i < count; i++)
        {
            var account = context.CreateAccount(
                new BillingInfo
                {
                    PaymentFingerprint = Random.Chance(0.7) ? sharedPayment : context.Ids.PaymentFingerprint(),
                    EmailDomain = domain,
                    SignupTimestamp = YoungSignup(-12, 0.15),
                    Country = country,
                    Plan = "pay_as_you_go",
                },
                Group,
                Random.Next(1, 4));
            _accounts.Add((account, new HarvestSettings
            {
                MaxCompletionTokens = Random.Pick(Budgets),
                ReasoningEffort = "high",
                Temperature = Random.Pick([0.8, 0.9, 1.0]),
                AnswerTokens = 2600,
            }));
        }
    }

    public override void Generate(int day)
    {
        if (!IsActiveDay(day))
        {
            return;
        }

        var sliceStart = DayStart(day);
        foreach (var (account, settings) in _accounts)
        {
            var count = Random.In(_spec.ExchangesPerAccountDay);
            for (var i = 0; i < count; i++)
            {
                var at = sliceStart.AddSeconds(Random.Uniform(0, 86_400));
                if (at < account.SignedUpAt)
                {
                    continue;
                }

                var item = _sweep.Next();
                var wrapper = MaybeWrap(_wrappers);
                var logprobs = Random.Chance(0.7);
                var request = Harvest(at, item, item.Question, null, wrapper, null, settings with
                {
                    N = Random.In(_spec.Choices),
                    Logprobs = logprobs ? true : null,
                    TopLogprobs = logprobs ? Random.Next(5, 21) : null,
                });
                var client = _network.Client(Random.Pick(_ips), _software);
                var output = Context.Exchanges.Emit(at, account, account.Subject, null, client, request, Random, ErrorProfile.Aggressive);
                if (item.FollowUp is not null)
                {
                    var conversation = new List<ChatMessage>(request.Messages) { new("assistant", output ?? string.Empty), new("user", item.FollowUp) };
                    Context.Exchanges.Emit(at.AddSeconds(Random.Uniform(20, 120)), account, account.Subject, null, client, request with { Messages = conversation }, Random, ErrorProfile.Aggressive);
                }
            }
        }
    }
}
