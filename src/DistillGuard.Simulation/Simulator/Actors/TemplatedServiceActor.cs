using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A company that runs one template at volume from its cloud backend: a translation company (<c>translation</c>) or a
/// support-bot vendor (<c>support-bot</c>). Every request is the template around a new document or customer message.
/// </summary>
internal sealed class TemplatedServiceActor : Actor
{
    private static readonly string[] Languages =
    [
        "German", "French", "Spanish", "Italian", "Portuguese", "Dutch", "Polish", "Japanese", "Korean", "Simplified Chinese", "Traditional Chinese",
        "Russian", "Turkish", "Arabic", "Swedish", "Czech", "Vietnamese", "Thai", "Indonesian", "Hebrew",
    ];

    private static readonly string[] Businesses = ["Northwind Outfitters", "Brightline Telecom", "Cedar Health", "Lumen Bank", "Orbit Travel", "Pixel Home", "Summit Fitness", "Keystone Insurance"];

    private readonly IntRange _perDay;
    private readonly bool _translation;
    private readonly Account _account;
    private readonly Isp _network;
    private readonly string[] _ips;
    private readonly ClientSoftware _software;
    private readonly double _utcOffset;
    private readonly SimModel? _pinned;

    public TemplatedServiceActor(SimulationContext context, PopulationSpec spec, IntRange perDay, bool translation)
        : base(context)
    {
        _perDay = perDay;
        _translation = translation;
        var country = Random.Pick(["US", "DE", "GB", "NL", "FR", "IE"]);
        _account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = EmailDomains.Organisation(Random),
                SignupTimestamp = OldSignup(150, 1000),
                Country = country,
                Plan = Random.Chance(0.7) ? "enterprise" : "pay_as_you_go",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign),
            Random.Next(2, 6));
        _network = Random.Pick(Geo.EnterpriseClouds);
        _ips = _network.NewAddresses(Random, Random.Next(2, 8));
        _software = Clients.Service(Random);
        _utcOffset = Geo.Country(country).UtcOffsetHours;
        _pinned = Random.Chance(0.5) ? Context.Models.Latest(Random.Chance(0.5) ? ModelTier.Mini : ModelTier.Fast, context.Start) : null;
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        var weekend = Diurnal.IsWeekend(sliceStart.AddHours(12), _utcOffset);
        var count = (int)(Random.In(_perDay) * (weekend ? 0.35 : 1));
        for (var i = 0; i < count; i++)
        {
            var at = _translation && Random.Chance(0.3)
                ? sliceStart.AddSeconds(Random.Uniform(0, 86_400))
                : Diurnal.Sample(sliceStart, _utcOffset + Random.Pick([-9.0, -6, -1, 0, 0, 0, 1]), Diurnal.Office, Random);
            var model = _pinned ?? Context.Models.LatestAdopted(ModelTier.Flagship, at, TimeSpan.FromDays(10));
            var request = _translation ? Translate(model) : Support(model);
            Context.Exchanges.Emit(at, _account, _account.Subject, null, _network.Client(Random.Pick(_ips), _software), request, Random, ErrorProfile.Automated);
        }
    }

    private RequestSpec Translate(SimModel model)
    {
        var document = Random.Next(5) switch
        {
            0 => DocumentForge.BusinessEmail(Random),
            1 => DocumentForge.SupportTicket(Random),
            2 => DocumentForge.MeetingNotes(Random),
            3 => DocumentForge.Review(Random, out _),
            _ => DocumentForge.Passage(Context.Corpus.Oasst, Random),
        };
        var target = Random.Pick(Languages);
        var text = $"Translate the following text from English into {target}. Preserve formatting, names and placeholders. Return only the translation.\n\n{document}";
        return new RequestSpec
        {
            Model = model,
            Messages = [new ChatMessage("system", "You are a professional translator."), new ChatMessage("user", text)],
            Temperature = 0.2,
            Kind = ContentKind.Prose,
            AnswerTokens = (document.Length / 3.2) * Random.Uniform(0.9, 1.3),
            LogsOutput = Random.Chance(0.5),
        };
    }

    private RequestSpec Support(SimModel model)
    {
        var business = Random.Pick(Businesses);
        var system = $"You are the virtual support agent for {business}. Use the knowledge base excerpt to answer. Give complete, step-by-step troubleshooting instructions, "
            + "explain each step clearly, and end by asking whether the issue is resolved.\n\nKnowledge base excerpt:\n" + DocumentForge.Passage(Context.Corpus.Oasst, Random);
        return new RequestSpec
        {
            Model = model,
            Messages = [new ChatMessage("system", system), new ChatMessage("user", "Customer message (via web chat):\n\n" + DocumentForge.SupportTicket(Random) + "\n\nWrite the reply to the customer now, following the knowledge base.")],
            Temperature = 0.3,
            MaxTokens = 2048,
            Kind = ContentKind.Prose,
            Stepwise = true,
            AnswerTokens = Random.LogNormal(700, 0.35),
        };
    }
}
