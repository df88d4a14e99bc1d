using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A multilingual campaign (<c>multilingual</c>): reasoning-trace coercion written in the languages of the phrasing
/// set, around English benchmark questions, questions asked to be answered in another language, and word problems
/// written in that language, from VPN exits and Asian clouds on a few shared payment methods.
/// </summary>
internal sealed class MultilingualCampaignActor : CampaignActor
{
    private static readonly string[] BillingCountries = ["SG", "MY", "JP", "KR", "US", "DE", "BR"];
    private static readonly string[] Mailboxes = ["qq.com", "163.com", "gmail.com", "outlook.com", "naver.com", "yandex.com", "proton.me", "hotmail.com"];

    private readonly MultilingualCampaignSpec _spec;
    private readonly HarvestSweep _sweep;
    private readonly List<Member> _members = [];
    private readonly double _operatorOffset;

    public MultilingualCampaignActor(SimulationContext context, MultilingualCampaignSpec spec)
        : base(context, spec)
    {
        _spec = spec;
        _sweep = new HarvestSweep(context.Corpus, Random, HarvestSweep.ReasoningHeavy, Random.NextDouble());
        _operatorOffset = Random.Pick([8.0, 8.0, 3.0, 9.0]);
        var phrasebook = context.Phrasebook;
        var languages = phrasebook.ForeignLanguages.Count > 0 ? phrasebook.ForeignLanguages : ["en"];
        var payments = Enumerable.Range(0, Math.Max(1, context.Scaled(spec.PaymentFingerprints)))
            .Select(_ => (Fingerprint: context.Ids.PaymentFingerprint(), Country: Random.Pick(BillingCountries)))
            .ToArray();

        var count = context.Scaled(spec.Accounts);
        for (var i = 0; i < count; i++)
        {
            var payment = Random.Pick(payments);
            var account = context.CreateAccount(
                new BillingInfo
                {
                    PaymentFingerprint = payment.Fingerprint,
                    EmailDomain = Random.Pick(Mailboxes),
                    SignupTimestamp = Random.Chance(0.6) ? YoungSignup(-25, 0.3) : OldSignup(25, 200),
                    Country = payment.Country,
                    Plan = "pay_as_you_go",
                },
                Group,
                Random.Next(1, 3));

            // Each account works in one or two languages (the first language listed for a code-switching wrapper is its host language).
            var own = Random.Sample(languages, Random.Next(1, 3));
            var wrappers = own.SelectMany(phrasebook.WrappersIn).ToList();
            wrappers.AddRange(phrasebook.EnglishWrappers.Where(w => w.Idea == CoercionIdea.SameLanguage));
            var vpn = Random.Chance(0.5);
            var network = vpn ? Random.Pick(Geo.VpnExits) : Random.Pick(Geo.AsianClouds);
            _members.Add(new Member(account, own, wrappers, network, Clients.PythonOpenAi(Random), new HarvestSettings
            {
                MaxCompletionTokens = Random.Pick([16000, 24000, 32000]),
                ReasoningEffort = Random.Chance(0.85) ? "high" : "medium",
                Temperature = Random.Chance(0.5) ? 0.6 : null,
                AnswerTokens = 1900,
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
        foreach (var member in _members)
        {
            if (!Random.Chance(_spec.ActiveDayProbability) || sliceStart.AddDays(1) <= member.Account.SignedUpAt)
            {
                continue;
            }

            // The exit address changes every day (a new VPN session or a re-provisioned server).
            var ip = member.Network.NewAddress(Random);
            var client = member.Network.Client(ip, member.Software);
            var count = Random.In(_spec.ExchangesPerActiveDay);
            var at = Diurnal.LocalTimeInSlice(sliceStart, _operatorOffset, Random.Uniform(9, 14));
            for (var i = 0; i < count; i++)
            {
                if (at >= member.Account.SignedUpAt)
                {
                    Context.Exchanges.Emit(at, member.Account, member.Account.Subject, null, client, Request(member, at), Random, ErrorProfile.Automated);
                }

                at = at.AddSeconds(Random.LogNormal(70, 0.8));
            }
        }
    }

    private RequestSpec Request(Member member, DateTimeOffset at)
    {
        var language = Random.Pick(member.Languages);
        var item = _sweep.Next();
        var roll = Random.NextDouble();
        string question;
        if (roll < 0.35 && MultilingualProblems.HasProblems(language))
        {
            question = MultilingualProblems.WordProblem(language, Random);
            item = item with { Kind = ContentKind.Math, Field = "mathematics", Subtopic = "arithmetic word problems" };
        }
        else if (roll < 0.6)
        {
            question = MultilingualProblems.AskInLanguage(language, item.Question);
        }
        else
        {
            question = item.Question;
        }

        var inLanguage = member.Wrappers.Where(w => w.Language == language).ToList();
        var wrapper = MaybeWrap(inLanguage.Count > 0 && Random.Chance(0.85) ? inLanguage : member.Wrappers);
        return Harvest(at, item, question, null, wrapper, null, member.Settings, language == "mixed" ? "en" : language);
    }

    private sealed record Member(Account Account, IReadOnlyList<string> Languages, IReadOnlyList<CoercionWrapper> Wrappers, Isp Network, ClientSoftware Software, HarvestSettings Settings);
}
