using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A role-play app of the <c>roleplay-app</c> population: one account, its end users' long evening sessions in
/// character, each request carrying the story so far under the app's "deeper thinking" system prompt.
/// </summary>
internal sealed class RoleplayAppActor : Actor
{
    private static readonly string[] Brands = ["TaleForge", "Hearthside", "StoryNook", "MythChat"];

    private readonly RoleplayAppPopulationSpec _spec;
    private readonly AppBackend _backend;
    private readonly string _brand;
    private readonly ModelTier _tier;
    private readonly List<(Subject Subject, double Active, double UtcOffset)> _users = [];

    public RoleplayAppActor(SimulationContext context, RoleplayAppPopulationSpec spec, int index, double userFactor)
        : base(context)
    {
        _spec = spec;
        _brand = Brands[index % Brands.Length];
        var account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = EmailDomains.Organisation(Random),
                SignupTimestamp = OldSignup(100, 700),
                Country = Random.Pick(["US", "GB", "DE", "SG"]),
                Plan = Random.Chance(0.5) ? "enterprise" : "pay_as_you_go",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign),
            Random.Next(1, 3));
        _backend = new AppBackend(account, Random, Random.Chance(0.6) ? Geo.EnterpriseClouds : Geo.BudgetHosting);
        _tier = Random.Chance(0.5) ? ModelTier.Flagship : ModelTier.Mini;
        var group = new SimulationGroupKey(RoleplayAppPopulationSpec.UserPopulation, spec.Kind, SubjectLabel.Benign);
        var users = Math.Max(1, (int)Math.Round(Random.In(spec.EndUsers) * userFactor));
        for (var i = 0; i < users; i++)
        {
            _users.Add((context.CreateEndUser(account, group), Random.In(spec.ActiveDayProbability), Geo.Country(Random.PickWeighted(Geo.ChatCountries)).UtcOffsetHours));
        }
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        foreach (var (subject, active, offset) in _users)
        {
            if (!Random.Chance(active))
            {
                continue;
            }

            var at = Diurnal.Sample(sliceStart, offset, Diurnal.Human, Random);
            var model = Context.Models.LatestAdopted(_tier, at, TimeSpan.FromDays(3));
            var history = new List<ChatMessage> { new("system", RoleplayPhrasings.SystemPrompt(_brand, Random)) };
            var turns = Random.In(_spec.TurnsPerSession);
            for (var turn = 0; turn < turns; turn++)
            {
                history.Add(new ChatMessage("user", RoleplayPhrasings.Turn(Random)));
                var answer = Random.LogNormal(420, 0.4);
                var output = AnswerStubs.Compose(ContentKind.Creative, "en", false, Random, Random.Next(120, 420));
                var request = new RequestSpec
                {
                    Model = model,
                    Messages = [.. history],
                    Temperature = 0.9,
                    MaxTokens = 1200,
                    Stream = true,
                    User = _backend.PassesUser ? subject.EndUserId : null,
                    Kind = ContentKind.Creative,
                    AnswerTokens = answer,
                    Output = output,
                };
                Context.Exchanges.Emit(at, _backend.Account, subject, subject.EndUserId, _backend.Client(Random), request, Random, ErrorProfile.Interactive);
                history.Add(new ChatMessage("assistant", output));
                at = at.AddSeconds((answer * model.MsPerToken / 1000) + Random.LogNormal(45, 0.7));
            }
        }
    }
}
