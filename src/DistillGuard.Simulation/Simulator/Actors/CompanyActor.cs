using System.Globalization;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A small company of the <c>company</c> population: several accounts on one payment method and one e-mail domain,
/// each running an app (from the company's cloud backend) or used by staff (from the office), in business hours.
/// </summary>
internal sealed class CompanyActor : Actor
{
    private static readonly string[] HomeCountries = ["US", "US", "US", "GB", "DE", "FR", "NL", "IN", "SG", "AU", "CA", "ES", "SE", "PL", "BR", "JP"];

    private readonly List<CompanyAccount> _accounts = [];
    private readonly CountryProfile _country;
    private readonly Isp _office;
    private readonly string[] _officeIps;
    private readonly Isp _cloud;
    private readonly string[] _cloudIps;
    private readonly ClientSoftware _software;
    private readonly string _name;
    private readonly ModelTier _tier;

    public CompanyActor(SimulationContext context, CompanyPopulationSpec spec)
        : base(context)
    {
        _country = Geo.Country(Random.Pick(HomeCountries));
        var domain = EmailDomains.Organisation(Random);
        _name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(domain.Split('.')[0].Replace("-", " ", StringComparison.Ordinal));
        _office = Random.Pick(_country.Residential);
        _officeIps = _office.NewAddresses(Random, Random.Next(1, 3));
        var clouds = Geo.EnterpriseClouds.Where(c => c.Country == _country.Code).ToList();
        _cloud = clouds.Count > 0 && Random.Chance(0.6) ? Random.Pick(clouds) : Random.Pick(Random.Chance(0.7) ? Geo.EnterpriseClouds : Geo.BudgetHosting);
        _cloudIps = _cloud.NewAddresses(Random, Random.Next(1, 4));
        _software = Clients.Service(Random);
        _tier = Random.Pick([ModelTier.Fast, ModelTier.Fast, ModelTier.Mini, ModelTier.Mini, ModelTier.Flagship]);

        var payment = context.Ids.PaymentFingerprint();
        var plan = Random.Next(10) switch { < 6 => "pay_as_you_go", < 9 => "team", _ => "enterprise" };
        var firstSignup = OldSignup(20, 900);
        var group = new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign);
        var count = Random.In(spec.AccountsPerCompany);
        for (var i = 0; i < count; i++)
        {
            var signup = i == 0 ? firstSignup : firstSignup.AddDays(Random.Uniform(1, Math.Max(2, (Context.Start - firstSignup).TotalDays + 5)));
            var account = context.CreateAccount(
                new BillingInfo { PaymentFingerprint = payment, EmailDomain = domain, SignupTimestamp = signup, Country = _country.Code, Plan = plan },
                group,
                Random.Next(1, 4));
            var app = (CompanyApp)Random.Next(Enum.GetValues<CompanyApp>().Length);
            _accounts.Add(new CompanyAccount(
                account,
                app,
                app == CompanyApp.Staff ? null : SystemPrompts.ForApp(_name, Random),
                Random.In(spec.ExchangesPerWorkingDay),
                Math.Round(Random.Uniform(0.2, 0.8), 1),
                app == CompanyApp.Staff ? null : Random.Pick([300, 500, 800, 1000, 1500]),
                app is CompanyApp.SupportBot || Random.Chance(0.3)));
        }
    }

    private enum CompanyApp
    {
        SupportBot,
        ProductCopy,
        Knowledge,
        Summariser,
        ReviewReplies,
        Staff,
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        var weekend = Diurnal.IsWeekend(sliceStart.AddHours(12), _country.UtcOffsetHours);
        foreach (var member in _accounts)
        {
            if (sliceStart.AddDays(1) <= member.Account.SignedUpAt)
            {
                continue;
            }

            var volume = Random.Poisson(member.DailyVolume * (weekend ? 0.08 : 1.0) * Random.Uniform(0.6, 1.3));
            for (var i = 0; i < volume; i++)
            {
                var at = Diurnal.Sample(sliceStart, _country.UtcOffsetHours, Diurnal.Office, Random);
                if (at < member.Account.SignedUpAt)
                {
                    continue;
                }

                var fromOffice = member.App == CompanyApp.Staff || Random.Chance(0.1);
                var client = fromOffice
                    ? _office.Client(Random.Pick(_officeIps), _software)
                    : _cloud.Client(Random.Pick(_cloudIps), _software);
                Context.Exchanges.Emit(at, member.Account, member.Account.Subject, null, client, Request(member, at), Random, ErrorProfile.Interactive);
            }
        }
    }

    private RequestSpec Request(CompanyAccount member, DateTimeOffset at)
    {
        var corpus = Context.Corpus;
        var (prompt, kind, tokens) = member.App switch
        {
            CompanyApp.SupportBot => (DocumentForge.SupportTicket(Random), ContentKind.Prose, 160.0),
            CompanyApp.ProductCopy => Random.Chance(0.7)
                ? ("Write a product description of about 80 words for:\n" + DocumentForge.ProductAttributes(Random), ContentKind.Creative, 140.0)
                : (EverydayForge.Casual(Random.Pick(corpus.SelfInstructUser).Text, Random), ContentKind.Prose, 250.0),
            CompanyApp.Knowledge => (EverydayForge.Casual(Random.Chance(0.6) ? Random.Pick(corpus.OasstGeneral).Text : EverydayForge.Question(Random), Random), ContentKind.Prose, 320.0),
            CompanyApp.Summariser => ("Summarise the following:\n\n" + (Random.Chance(0.5) ? DocumentForge.BusinessEmail(Random) : DocumentForge.MeetingNotes(Random)), ContentKind.Short, 120.0),
            CompanyApp.ReviewReplies => ("Write a reply to this review:\n\n" + DocumentForge.Review(Random, out _), ContentKind.Creative, 110.0),
            _ => Random.Next(3) switch
            {
                0 => (EverydayForge.Casual(Random.Pick(corpus.SelfInstructUser).Text, Random), ContentKind.Prose, 300.0),
                1 => (CodeForge.Question(Random), ContentKind.Code, 450.0),
                _ => (EverydayForge.Casual(Random.Pick(corpus.Oasst).Text, Random), ContentKind.Prose, 350.0),
            },
        };

        List<ChatMessage> messages = member.SystemPrompt is null
            ? [new("user", prompt)]
            : [new("system", member.SystemPrompt), new("user", prompt)];
        var tier = member.App == CompanyApp.Staff && Random.Chance(0.4) ? ModelTier.Flagship : _tier;
        return new RequestSpec
        {
            Model = Context.Models.Latest(tier, at - TimeSpan.FromDays(10)),
            Messages = messages,
            Temperature = member.Temperature,
            MaxTokens = member.MaxTokens,
            Stream = member.Stream,
            Kind = kind,
            AnswerTokens = tokens * Random.Uniform(0.6, 1.4),
        };
    }

    private sealed record CompanyAccount(Account Account, CompanyApp App, string? SystemPrompt, int DailyVolume, double Temperature, int? MaxTokens, bool Stream);
}
