using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>An individual chat user of the <c>chat</c> population: one account, their own home network and habits.</summary>
internal sealed class ChatUserActor : Actor
{
    private static readonly string[] Plans = ["free", "free", "free", "plus", "plus", "pay_as_you_go", "pay_as_you_go"];

    private readonly Account _account;
    private readonly ChatBehaviour _behaviour;
    private readonly HomeNetwork _network;
    private readonly ClientSoftware _software;
    private readonly ClientSoftware? _secondSoftware;

    public ChatUserActor(SimulationContext context, ChatPopulationSpec spec)
        : base(context)
    {
        var foreign = Random.Chance(spec.NonEnglishShare);
        var language = foreign ? Random.PickWeighted(Geo.ForeignLanguages) : "en";
        var country = Geo.Country(foreign ? Random.Pick(Geo.CountriesByLanguage[language]) : Random.PickWeighted(Geo.ChatCountries));
        var power = Random.Chance(spec.PowerUserShare);
        var young = Random.Chance(spec.YoungAccountShare);
        var signup = young ? YoungSignup() : OldSignup();

        var group = new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign);
        _account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = Random.Chance(0.06) ? EmailDomains.Organisation(Random) : EmailDomains.PickConsumer(Random, country),
                SignupTimestamp = signup,
                Country = country.Code,
                Plan = power ? Random.Pick(["plus", "pay_as_you_go"]) : Random.Pick(Plans),
            },
            group,
            Random.Chance(0.2) ? 2 : 1);

        _network = new HomeNetwork(country, Random, Random.Chance(0.12) ? 0.85 : Random.Uniform(0, 0.35), Random.Chance(spec.VpnShare));
        _software = Clients.Individual(Random);
        _secondSoftware = Random.Chance(0.2) ? Clients.Individual(Random) : null;
        var persona = ChatPersonas.Individual(
            Random,
            language,
            country.UtcOffsetHours,
            Random.In(spec.ActiveDayProbability),
            spec.SessionsPerActiveDay,
            spec.TurnsPerSession,
            power,
            Random.Chance(0.3) ? Random.Uniform(0.3, 0.7) : Random.Uniform(0, 0.12),
            spec.StepByStepShare,
            signup.AddMinutes(Random.Uniform(2, 600)));
        _behaviour = new ChatBehaviour(persona, context, Random);
    }

    public override void Generate(int day)
    {
        foreach (var session in _behaviour.Day(day))
        {
            var software = _secondSoftware is not null && Random.Chance(0.25) ? _secondSoftware : _software;
            var client = _network.ForSession(session[0].At, software, Random);
            foreach (var (at, request) in session)
            {
                Context.Exchanges.Emit(at, _account, _account.Subject, null, client, request, Random, _behaviour.Persona.Errors);
            }
        }
    }
}
