using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// What every adaptive campaign shares: fronts that each look like one heavy chat user (own card, free-mail domain,
/// home connection, software and settings drawn as benign users' are), a day with sittings at the front's local
/// hours and rest days, and prompts taken from the operation's shared sweep and reworded one by one.
/// </summary>
internal abstract class AdaptiveCampaignActor : CampaignActor
{
    private static readonly string[] Plans = ["free", "free", "free", "plus", "plus", "pay_as_you_go", "pay_as_you_go"];

    protected AdaptiveCampaignActor(SimulationContext context, AdaptiveCampaignSpec spec)
        : base(context, spec)
    {
        Adaptive = spec;
        Sweep = new CollectiveSweep(context.Corpus, spec.Corpora, Random);
    }

    protected AdaptiveCampaignSpec Adaptive { get; }

    protected CollectiveSweep Sweep { get; }

    protected List<AdaptiveFront> Fronts { get; } = [];

    public override void Generate(int day)
    {
        if (!IsActiveDay(day))
        {
            return;
        }

        var sliceStart = DayStart(day);
        foreach (var front in Fronts)
        {
            if (sliceStart.AddDays(1) <= front.ActiveFrom)
            {
                continue;
            }

            var weekend = Diurnal.IsWeekend(sliceStart.AddHours(12), front.UtcOffsetHours) ? 0.75 : 1.0;
            if (!Random.Chance(front.ActiveDayProbability * weekend))
            {
                continue;
            }

            var remaining = Random.In(Adaptive.ExchangesPerActiveDay);
            var sessions = Math.Clamp(1 + Random.Poisson(Adaptive.SessionsPerActiveDay - 1), 1, remaining);
            var starts = Enumerable.Range(0, sessions).Select(_ => Diurnal.Sample(sliceStart, front.UtcOffsetHours, front.Profile, Random)).Order().ToList();
            var busyUntil = DateTimeOffset.MinValue;
            for (var s = 0; s < sessions && remaining > 0; s++)
            {
                var count = s == sessions - 1 ? remaining : Math.Clamp((remaining / (sessions - s)) + Random.Next(-2, 3), 1, remaining);
                remaining -= count;
                var start = starts[s] < busyUntil ? busyUntil.AddMinutes(Random.Uniform(5, 40)) : starts[s];
                if (start < front.ActiveFrom || start >= sliceStart.AddDays(1))
                {
                    continue;
                }

                busyUntil = Sitting(front, start, count);
            }
        }
    }

    /// <summary>Sends <paramref name="count"/> exchanges in one sitting from <paramref name="start"/> and returns when it ends.</summary>
    protected abstract DateTimeOffset Sitting(AdaptiveFront front, DateTimeOffset start, int count);

    /// <summary>Creates a front with an account of its own.</summary>
    protected AdaptiveFront NewAccountFront()
    {
        var language = Random.Pick(Adaptive.Languages);
        var country = HomeCountry(language);
        var signup = DayStart(Spec.StartDay).AddDays(-Adaptive.SignupLeadDays + Random.Uniform(0, Adaptive.SignupWindowDays)).AddSeconds(Random.Next(86_400));
        var account = Context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = Context.Ids.PaymentFingerprint(),
                EmailDomain = EmailDomains.PickConsumer(Random, country),
                SignupTimestamp = signup,
                Country = country.Code,
                Plan = Random.Pick(Plans),
            },
            Group,
            Random.Chance(0.2) ? 2 : 1);
        return NewFront(account.Subject, account, null, language, country, new HomeNetwork(country, Random, Random.Chance(0.12) ? 0.85 : Random.Uniform(0, 0.35), false), signup);
    }

    /// <summary>Creates a front that is an end user of <paramref name="host"/>.</summary>
    protected AdaptiveFront NewEndUserFront(RouterHost host)
    {
        var language = Random.Pick(Adaptive.Languages);
        var country = HomeCountry(language);
        var subject = Context.CreateEndUser(host.Account, Group);
        var from = DayStart(Spec.StartDay).AddDays(-Adaptive.SignupLeadDays + Random.Uniform(0, Adaptive.SignupWindowDays));
        return NewFront(subject, host.Account, host, language, country, null, from);
    }

    /// <summary>Sends one request from the front: through its home connection or through its router.</summary>
    protected string? Send(AdaptiveFront front, DateTimeOffset at, ClientInfo? sessionClient, RequestSpec request)
    {
        if (front.Router is { } router)
        {
            var endUser = front.Subject.EndUserId;
            return Context.Exchanges.Emit(at, router.Account, front.Subject, endUser, router.Client(Random), router.Forward(request, endUser), Random, ErrorProfile.Interactive);
        }

        return Context.Exchanges.Emit(at, front.Account, front.Subject, null, sessionClient ?? front.Network!.ForSession(at, front.Software, Random), request, Random, front.Persona.Errors);
    }

    /// <summary>Gets the client the front uses for a sitting (its router picks per request).</summary>
    protected ClientInfo? SessionClient(AdaptiveFront front, DateTimeOffset at) =>
        front.Network?.ForSession(at, front.Software, Random);

    /// <summary>Rewords a sweep item in one of the front's registers, in the front's language.</summary>
    protected string Prompt(AdaptiveFront front, HarvestItem item)
    {
        var style = front.Styles.Count == 1 || Random.Chance(0.6) ? front.Styles[0] : Random.Pick(front.Styles);
        if (front.Language == "en")
        {
            return Paraphraser.Reword(item.Question, item.Kind, style, Random);
        }

        if (item.Kind == ContentKind.Math && MultilingualProblems.HasProblems(front.Language) && Random.Chance(0.5))
        {
            return MultilingualProblems.WordProblem(front.Language, Random);
        }

        return LocalFraming.Frame(front.Language, Paraphraser.Reword(item.Question, item.Kind, ParaphraseStyle.Plain, Random), Random);
    }

    /// <summary>Builds a request with the front's settings for the flagship the campaign harvests at <paramref name="at"/>.</summary>
    protected RequestSpec Request(AdaptiveFront front, DateTimeOffset at, IReadOnlyList<ChatMessage> messages, ContentKind kind, string? output = null, double lengthFactor = 1)
    {
        var persona = front.Persona;
        var answer = kind switch
        {
            ContentKind.Code => Random.LogNormal(650, 0.5),
            ContentKind.Math => Random.LogNormal(480, 0.45),
            ContentKind.Creative => Random.LogNormal(560, 0.5),
            _ => Random.LogNormal(620, 0.5),
        } * lengthFactor;
        return new RequestSpec
        {
            Model = ModelAt(at),
            Messages = messages,
            Temperature = persona.Temperature,
            TopP = persona.TopP,
            MaxTokens = persona.UsesMaxCompletionTokens ? null : persona.MaxTokens,
            MaxCompletionTokens = persona.UsesMaxCompletionTokens ? persona.MaxTokens : null,
            Stream = persona.Stream,
            ReasoningEffort = persona.ReasoningEffort,
            Kind = kind,
            Language = front.Language,
            AnswerTokens = answer,
            Output = output,
        };
    }

    /// <summary>Gets the model the campaign harvests at <paramref name="at"/>; the newest flagship once its pivot delay has passed.</summary>
    protected virtual SimModel ModelAt(DateTimeOffset at) => Flagship(at);

    /// <summary>Composes the answer text logged for a request (the start of the answer, as the provider logs it).</summary>
    protected string AnswerText(RequestSpec request) =>
        AnswerStubs.Compose(request.Kind, request.Language, false, Random, Random.Next(120, 420));

    /// <summary>Starts the conversation's messages: the front's system prompt, if it uses one, then the first user turn.</summary>
    protected static List<ChatMessage> Conversation(AdaptiveFront front, string firstPrompt)
    {
        var messages = new List<ChatMessage>();
        if (front.Persona.SystemPrompt is { } system)
        {
            messages.Add(new ChatMessage("system", system));
        }

        messages.Add(new ChatMessage("user", firstPrompt));
        return messages;
    }

    /// <summary>How long a person takes to read an answer of <paramref name="request"/>'s length and type the next message.</summary>
    protected TimeSpan ReadingTime(RequestSpec request) =>
        TimeSpan.FromSeconds((request.AnswerTokens * request.Model.MsPerToken / 1000) + Random.LogNormal(60, 0.8) + 5);

    private CountryProfile HomeCountry(string language) =>
        Geo.Country(language == "en" ? Random.PickWeighted(Geo.ChatCountries) : Random.Pick(Geo.CountriesByLanguage[language]));

    private AdaptiveFront NewFront(Subject subject, Account account, RouterHost? router, string language, CountryProfile country, HomeNetwork? network, DateTimeOffset signup)
    {
        var active = Random.In(Adaptive.ActiveDayProbability);
        var activeFrom = signup.AddHours(Random.Uniform(0.5, 72));
        var persona = ChatPersonas.Individual(Random, language, country.UtcOffsetHours, active, Adaptive.SessionsPerActiveDay, IntRange.Of(1, 6), false, 0.1, 0, activeFrom);
        var styles = Random.Sample(Adaptive.ParaphraseStyles, Random.Next(1, Math.Min(3, Adaptive.ParaphraseStyles.Count) + 1));
        var front = new AdaptiveFront
        {
            Subject = subject,
            Account = account,
            Router = router,
            Language = language,
            UtcOffsetHours = country.UtcOffsetHours,
            Profile = Random.Chance(0.4) ? Diurnal.LongHours : Diurnal.Human,
            ActiveDayProbability = active,
            Network = network,
            Software = Clients.Individual(Random),
            Persona = persona,
            Styles = styles,
            ActiveFrom = activeFrom,
        };
        Fronts.Add(front);
        return front;
    }
}
