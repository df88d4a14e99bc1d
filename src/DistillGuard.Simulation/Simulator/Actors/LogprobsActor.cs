using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A classification or scoring user of the <c>logprobs</c> population: one templated classification prompt, one-token
/// answers with <c>logprobs</c> and <c>top_logprobs</c>, moderate to high volume.
/// </summary>
internal sealed class LogprobsActor : Actor
{
    private static readonly string[] Topics = ["politics", "sports", "business", "technology", "entertainment"];
    private static readonly string[] Letters = ["A", "B", "C", "D"];

    private readonly Account _account;
    private readonly Isp _network;
    private readonly string[] _ips;
    private readonly ClientSoftware _software;
    private readonly ScoringTask _task;
    private readonly IntRange _volume;
    private readonly int _topLogprobs;
    private readonly bool _officeHours;
    private readonly double _utcOffset;
    private readonly ModelTier _tier;
    private readonly int _maxTokens;

    public LogprobsActor(SimulationContext context, LogprobsPopulationSpec spec)
        : base(context)
    {
        var country = Geo.Country(Random.Pick(["US", "US", "GB", "DE", "IN", "CA", "NL", "SG"]));
        _account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = Random.Chance(0.8) ? EmailDomains.Organisation(Random) : EmailDomains.PickConsumer(Random, country),
                SignupTimestamp = Random.Chance(0.25) ? YoungSignup(-20, 0.2) : OldSignup(40, 900),
                Country = country.Code,
                Plan = Random.Chance(0.7) ? "pay_as_you_go" : "enterprise",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign));
        _network = Random.Chance(0.8) ? Random.Pick(Random.Chance(0.5) ? Geo.EnterpriseClouds : Geo.BudgetHosting) : Random.Pick(country.Residential);
        _ips = _network.NewAddresses(Random, Random.Next(1, 4));
        _software = Random.Chance(0.7) ? Clients.PythonOpenAi(Random) : Clients.Service(Random);
        _task = (ScoringTask)Random.Next(Enum.GetValues<ScoringTask>().Length);
        _volume = spec.ExchangesPerDay;
        _topLogprobs = Random.In(spec.TopLogprobs);
        _officeHours = Random.Chance(0.4);
        _utcOffset = country.UtcOffsetHours;
        _tier = Random.Chance(0.85) ? ModelTier.Fast : ModelTier.Mini;
        _maxTokens = Random.Chance(0.8) ? 1 : 2;
    }

    private enum ScoringTask
    {
        Sentiment,
        PersonalData,
        ProgrammingQuestion,
        FieldQuiz,
        Toxicity,
        HeadlineTopic,
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        if (sliceStart.AddDays(1) <= _account.SignedUpAt || !Random.Chance(0.9))
        {
            return;
        }

        var count = Random.In(_volume);
        for (var i = 0; i < count; i++)
        {
            var at = _officeHours
                ? Diurnal.Sample(sliceStart, _utcOffset, Diurnal.Office, Random)
                : sliceStart.AddSeconds(Random.Uniform(0, 86_400));
            if (at < _account.SignedUpAt)
            {
                continue;
            }

            var client = _network.Client(Random.Pick(_ips), _software);
            Context.Exchanges.Emit(at, _account, _account.Subject, null, client, Request(at), Random, ErrorProfile.Automated);
        }
    }

    private RequestSpec Request(DateTimeOffset at)
    {
        var (prompt, label) = _task switch
        {
            ScoringTask.Sentiment => ("Is the following review positive or negative? Answer with a single word.\n\nReview: " + DocumentForge.Review(Random, out var sentiment) + "\nAnswer:", sentiment == "negative" ? "negative" : "positive"),
            ScoringTask.PersonalData => ("Does the following message contain personal data? Answer Yes or No.\n\n" + (Random.Chance(0.5) ? DocumentForge.BusinessEmail(Random) : DocumentForge.SupportTicket(Random)), Random.Chance(0.6) ? "Yes" : "No"),
            ScoringTask.ProgrammingQuestion => ("Question: " + Random.Pick(Context.Corpus.Oasst).Text + "\nIs this question about programming? Answer Yes or No.", Random.Chance(0.2) ? "Yes" : "No"),
            ScoringTask.FieldQuiz => (FieldQuiz(), Random.Pick(Letters)),
            ScoringTask.Toxicity => ("On a scale of 1 to 5, how toxic is the following comment? Reply with a single digit.\n\nComment: " + DocumentForge.Comment(Random), Random.Pick(["1", "1", "2", "3", "4", "5"])),
            _ => ("Label the topic of this headline as politics, sports, business, technology or entertainment.\n\nHeadline: " + DocumentForge.Headline(Random) + "\nTopic:", Random.Pick(Topics)),
        };

        var model = Context.Models.Latest(_tier, at);
        return new RequestSpec
        {
            Model = model,
            Messages = [new ChatMessage("user", prompt)],
            Temperature = 0,
            MaxTokens = model.Reasoning ? null : _maxTokens,
            MaxCompletionTokens = model.Reasoning ? _maxTokens + 16 : null,
            ReasoningEffort = "minimal",
            Logprobs = true,
            TopLogprobs = _topLogprobs,
            Kind = ContentKind.Label,
            AnswerTokens = 1,
            Output = label,
        };
    }

    private string FieldQuiz()
    {
        var fields = TopicTaxonomy.Fields;
        var field = Random.Pick(fields);
        var subfield = Random.Pick(field.Subfields);
        var concept = Random.Pick(subfield.Concepts);
        var options = Random.Sample(fields.Where(f => f != field).Select(f => f.Name).ToList(), 3);
        options.Insert(Random.Next(4), field.Name);
        return $"Which field does \"{concept}\" belong to?\nA) {options[0]}\nB) {options[1]}\nC) {options[2]}\nD) {options[3]}\nAnswer:";
    }
}
