using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// An attacker-run reseller (<c>reseller</c>): one young account that presents itself like a router, whose end users
/// are partly harvesters and partly padding that copies prompts from chat corpora. The account and the harvesters are
/// labelled; the padding end users are the attacker's own fakes and stay unlabelled.
/// </summary>
internal sealed class ResellerCampaignActor : EndUserCampaignActor
{
    private static readonly string[] BrandWords = ["Fast", "Open", "Easy", "Smart", "Cheap", "Super", "One", "Nova"];
    private static readonly string[] BrandNouns = ["GPT", "AI", "LLM", "Chat", "Model"];
    private static readonly string[] BrandTails = ["Hub", "API", "Relay", "Gate", "Proxy", "Link"];
    private static readonly string[] Tlds = [".cc", ".top", ".xyz", ".io", ".ai", ".pro"];

    private readonly RouterHost _host;
    private readonly List<EndUserHarvester> _harvesters = [];
    private readonly List<(Subject Subject, ChatBehaviour Behaviour)> _padding = [];

    public ResellerCampaignActor(SimulationContext context, ResellerCampaignSpec spec)
        : base(context, spec)
    {
        var brand = Random.Pick(BrandWords) + Random.Pick(BrandNouns) + " " + Random.Pick(BrandTails);
        var domain = brand.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant() + Random.Pick(Tlds);
        var account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = Random.Chance(0.5) ? domain : Random.PickWeighted(EmailDomains.Consumer),
                SignupTimestamp = YoungSignup(-35, 0.05),
                Country = Random.Pick(["HK", "SG", "US", "MY"]),
                Plan = "pay_as_you_go",
            },
            Group,
            Random.Next(2, 5));
        _host = new RouterHost(account, brand, "https://" + domain, Random, Random.Chance(0.6) ? Geo.AsianClouds : Geo.BudgetHosting);

        var padding = new SimulationGroupKey(spec.Id + " (padding)", spec.Kind, null);
        var count = context.Scaled(spec.EndUsers);
        var harvesters = Math.Max(1, (int)Math.Round(count * spec.HarvestingShare));
        for (var i = 0; i < count; i++)
        {
            if (i < harvesters)
            {
                _harvesters.Add(NewHarvester(context.CreateEndUser(account, Group), Random.Uniform(0.6, 0.95), spec.HarvestingExchangesPerDay));
                continue;
            }

            // Padding: scripted fake users replaying chat-corpus prompts to make the traffic look like a real app's.
            var perDay = Random.In(spec.PaddingExchangesPerDay);
            var persona = ChatPersonas.Individual(
                Random,
                "en",
                Random.Pick([8.0, 8.0, -5.0, 1.0]),
                Random.Uniform(0.4, 0.9),
                Math.Max(0.3, perDay / 2.5),
                IntRange.Of(1, 4),
                false,
                Random.Uniform(0, 0.3),
                0.03,
                DateTimeOffset.MinValue) with
            { CorpusOnly = true };
            _padding.Add((context.CreateEndUser(account, padding), new ChatBehaviour(persona, context, Random)));
        }
    }

    public override void Generate(int day)
    {
        if (!IsActiveDay(day))
        {
            return;
        }

        foreach (var harvester in _harvesters)
        {
            Generate(day, harvester, _host);
        }

        foreach (var (subject, behaviour) in _padding)
        {
            foreach (var session in behaviour.Day(day))
            {
                foreach (var (at, request) in session)
                {
                    Context.Exchanges.Emit(at, _host.Account, subject, subject.EndUserId, _host.Client(Random), _host.Forward(request, subject.EndUserId), Random, ErrorProfile.Interactive);
                }
            }
        }
    }
}
