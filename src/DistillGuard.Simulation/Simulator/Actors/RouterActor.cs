using System.Globalization;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A legitimate router or coding app of the <c>router</c> population: one account whose many end users each behave
/// like a chat or coding user, all reaching the provider through the router's infrastructure.
/// </summary>
internal sealed class RouterActor : Actor
{
    private static readonly (string Name, string Url, bool Coding)[] Brands =
    [
        ("RelayHub", "https://relayhub.ai", false),
        ("ModelMux", "https://modelmux.io", false),
        ("Switchyard", "https://switchyard.dev", false),
        ("CodeNest", "https://codenest.app", true),
        ("PromptRail", "https://promptrail.com", false),
        ("OmniRoute", "https://omniroute.ai", false),
        ("Patchwork IDE", "https://patchwork-ide.dev", true),
        ("Bridgeway", "https://bridgeway.chat", false),
    ];

    private readonly List<(Subject Subject, ChatBehaviour Behaviour)> _endUsers = [];
    private readonly double _anonymousShare;

    /// <param name="context">The simulation.</param>
    /// <param name="spec">The router population.</param>
    /// <param name="index">The router's index among all routers, which picks its brand.</param>
    /// <param name="endUserFactor">What the scale leaves of the scenario's end-user counts per router.</param>
    public RouterActor(SimulationContext context, RouterPopulationSpec spec, int index, double endUserFactor)
        : base(context)
    {
        var brand = Brands[index % Brands.Length];
        var name = index < Brands.Length ? brand.Name : string.Create(CultureInfo.InvariantCulture, $"{brand.Name} {index / Brands.Length + 1}");
        var domain = new Uri(brand.Url).Host;
        var country = Random.Pick(["US", "US", "DE", "GB", "SG"]);
        var account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = domain,
                SignupTimestamp = OldSignup(90, 800),
                Country = country,
                Plan = "enterprise",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign),
            Random.Next(2, 6));
        Host = new RouterHost(account, name, brand.Url, Random, Random.Chance(0.7) ? Geo.EnterpriseClouds : Geo.BudgetHosting);
        _anonymousShare = spec.AnonymousShare;

        var codingShare = brand.Coding ? 0.85 : spec.CodingShare;
        var userGroup = new SimulationGroupKey(RouterPopulationSpec.EndUserPopulation, spec.Kind, SubjectLabel.Benign);
        var users = Math.Max(1, (int)Math.Round(Random.In(spec.EndUsers) * endUserFactor));
        for (var i = 0; i < users; i++)
        {
            var subject = context.CreateEndUser(account, userGroup);
            var foreign = Random.Chance(spec.NonEnglishShare);
            var language = foreign ? Random.PickWeighted(Geo.ForeignLanguages) : "en";
            var home = Geo.Country(foreign ? Random.Pick(Geo.CountriesByLanguage[language]) : Random.PickWeighted(Geo.ChatCountries));
            var coding = Random.Chance(codingShare);
            var persona = ChatPersonas.Individual(
                Random,
                language,
                home.UtcOffsetHours,
                Random.In(spec.EndUserActiveDayProbability),
                1.4,
                IntRange.Of(1, coding ? 8 : 5),
                Random.Chance(0.04),
                coding ? Random.Uniform(0.7, 1.0) : Random.Uniform(0, 0.15),
                0.05,
                Random.Chance(0.12) ? YoungSignup(0, 0.8) : DateTimeOffset.MinValue);
            _endUsers.Add((subject, new ChatBehaviour(persona, context, Random)));
        }
    }

    /// <summary>Gets the router's account and infrastructure, which attacker end users can hide behind.</summary>
    public RouterHost Host { get; }

    public override void Generate(int day)
    {
        foreach (var (subject, behaviour) in _endUsers)
        {
            foreach (var session in behaviour.Day(day))
            {
                var anonymous = Random.Chance(_anonymousShare);
                foreach (var (at, request) in session)
                {
                    var endUser = anonymous ? null : subject.EndUserId;
                    Context.Exchanges.Emit(
                        at,
                        Host.Account,
                        anonymous ? Host.Account.Subject : subject,
                        endUser,
                        Host.Client(Random),
                        Host.Forward(request, endUser),
                        Random,
                        ErrorProfile.Interactive);
                }
            }
        }
    }
}
