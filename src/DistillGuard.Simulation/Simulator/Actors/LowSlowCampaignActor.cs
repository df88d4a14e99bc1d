using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A low-and-slow campaign (<c>low-slow</c>): a few unrelated-looking accounts, each a person's home connection and
/// rhythm, that together sweep the topic taxonomy and the benchmark categories in order (each account its own slice),
/// asking for long answers with paraphrased instruction prefixes and at most a mild request for reasoning.
/// </summary>
internal sealed class LowSlowCampaignActor : CampaignActor
{
    private static readonly string[] HomeCountries = ["US", "US", "CA", "GB", "AU", "SG", "IN", "DE", "NL", "IE"];
    private static readonly int[] Budgets = [8000, 12000, 16000];

    private readonly LowSlowCampaignSpec _spec;
    private readonly List<Member> _members = [];

    public LowSlowCampaignActor(SimulationContext context, LowSlowCampaignSpec spec)
        : base(context, spec)
    {
        _spec = spec;
        var count = context.Scaled(spec.Accounts);
        for (var i = 0; i < count; i++)
        {
            var country = Geo.Country(Random.Pick(HomeCountries));
            var signup = Random.Chance(0.4) ? YoungSignup(-20, 0.2) : OldSignup(20, 300);
            var account = context.CreateAccount(
                new BillingInfo
                {
                    PaymentFingerprint = context.Ids.PaymentFingerprint(),
                    EmailDomain = EmailDomains.PickConsumer(Random, country),
                    SignupTimestamp = signup,
                    Country = country.Code,
                    Plan = Random.Chance(0.5) ? "plus" : "pay_as_you_go",
                },
                Group);
            var useCompletionBudget = Random.Chance(0.6);
            _members.Add(new Member(
                account,
                country,
                new HomeNetwork(country, Random, Random.Uniform(0, 0.2), false),
                Clients.Individual(Random),
                new HarvestSweep(context.Corpus, Random, HarvestSweep.TopicFirst, (double)i / count),
                new HarvestSettings
                {
                    MaxCompletionTokens = useCompletionBudget ? Random.Pick(Budgets) : null,
                    MaxTokens = useCompletionBudget ? null : Random.Pick([4096, 8192]),
                    ReasoningEffort = Random.Pick<string?>([null, "medium", "high"]),
                    AnswerTokens = 2300,
                },
                Random.Next(3) == 0,
                signup.AddHours(Random.Uniform(1, 48))));
        }
    }

    public override void Generate(int day)
    {
        if (!IsActiveDay(day))
        {
            return;
        }

        var sliceStart = DayStart(day);
        foreach (var member in _members)
        {
            if (!Random.Chance(_spec.ActiveDayProbability) || sliceStart.AddDays(1) <= member.ActiveFrom)
            {
                continue;
            }

            var remaining = Random.In(_spec.ExchangesPerActiveDay);
            var sessions = Random.Next(2, 5);
            for (var s = 0; s < sessions && remaining > 0; s++)
            {
                var count = s == sessions - 1 ? remaining : Math.Max(1, remaining / (sessions - s) + Random.Next(-2, 3));
                count = Math.Min(count, remaining);
                remaining -= count;
                var at = Diurnal.Sample(sliceStart, member.Country.UtcOffsetHours, Diurnal.Human, Random);
                if (at < member.ActiveFrom)
                {
                    continue;
                }

                var client = member.Network.ForSession(at, member.Software, Random);
                for (var i = 0; i < count; i++)
                {
                    at = Ask(member, client, at);

                    // Reading a long answer before asking the next question, like a person would.
                    at = at.AddSeconds(Random.LogNormal(200, 0.6));
                }
            }
        }
    }

    private DateTimeOffset Ask(Member member, ClientInfo client, DateTimeOffset at)
    {
        var item = member.Sweep.Next();
        var prefix = Random.Pick(Context.Phrasebook.LengthPrefixes);
        var question = member.PrefixFirst ? prefix + " " + item.Question : item.Question + "\n\n" + prefix;
        var mild = Random.Chance(Spec.CoercionShare);
        if (mild)
        {
            question += " " + Random.Pick(BenignPhrasings.MildReasoningAsks);
        }

        var request = Harvest(at, item, question, null, null, null, member.Settings) with { Stepwise = mild };
        var output = Context.Exchanges.Emit(at, member.Account, member.Account.Subject, null, client, request, Random, ErrorProfile.Interactive);
        if (item.FollowUp is not null)
        {
            at = at.AddSeconds(Random.LogNormal(150, 0.5));
            var conversation = new List<ChatMessage>(request.Messages) { new("assistant", output ?? string.Empty), new("user", item.FollowUp) };
            Context.Exchanges.Emit(at, member.Account, member.Account.Subject, null, client, request with { Messages = conversation }, Random, ErrorProfile.Interactive);
        }

        return at;
    }

    private sealed record Member(
        Account Account,
        CountryProfile Country,
        HomeNetwork Network,
        ClientSoftware Software,
        HarvestSweep Sweep,
        HarvestSettings Settings,
        bool PrefixFirst,
        DateTimeOffset ActiveFrom);
}
