using System.Globalization;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// An enterprise batch job of the <c>batch</c> population: one prompt template filled with a new document each time,
/// short answers, a steady machine rate in a nightly window or around the clock, from a few cloud workers.
/// </summary>
internal sealed class BatchActor : Actor
{
    private static readonly string[] Categories = ["billing", "technical", "account", "shipping", "other"];
    private static readonly string[] TargetLanguages = ["German", "French", "Spanish", "Japanese", "Italian", "Dutch"];

    private readonly Account _account;
    private readonly Isp _cloud;
    private readonly string[] _workers;
    private readonly ClientSoftware _software;
    private readonly BatchJob _job;
    private readonly string _targetLanguage;
    private readonly bool _continuous;
    private readonly double _windowStartLocal;
    private readonly double _windowHours;
    private readonly double _utcOffset;
    private readonly IntRange _volume;
    private readonly double _jobDayProbability;
    private readonly ModelTier _tier;
    private readonly int _maxTokens;
    private readonly long? _seed;
    private readonly double _temperature;
    private readonly bool _zeroRetention;

    public BatchActor(SimulationContext context, BatchPopulationSpec spec)
        : base(context)
    {
        var country = Geo.Country(Random.Pick(["US", "US", "DE", "GB", "FR", "NL", "JP", "IN"]));
        _account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = EmailDomains.Organisation(Random),
                SignupTimestamp = OldSignup(200, 1400),
                Country = country.Code,
                Plan = "enterprise",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign),
            Random.Next(1, 3));
        var regional = Geo.EnterpriseClouds.Where(c => c.Country == country.Code).ToList();
        _cloud = regional.Count > 0 ? Random.Pick(regional) : Random.Pick(Geo.EnterpriseClouds);
        _workers = _cloud.NewAddresses(Random, Random.Next(2, 9));
        _software = Clients.Service(Random);
        _job = (BatchJob)Random.Next(Enum.GetValues<BatchJob>().Length);
        _targetLanguage = Random.Pick(TargetLanguages);
        _continuous = Random.Chance(spec.ContinuousShare);
        _utcOffset = country.UtcOffsetHours;
        _windowStartLocal = Random.Uniform(0, 3);
        _windowHours = Random.Uniform(3, 6);
        _volume = spec.ExchangesPerJob;
        _jobDayProbability = spec.JobDayProbability;
        _tier = Random.Next(10) switch { < 5 => ModelTier.Fast, < 9 => ModelTier.Mini, _ => ModelTier.Flagship };
        _maxTokens = _job switch
        {
            BatchJob.TicketClassification or BatchJob.ReviewSentiment => Random.Pick([5, 10, 16]),
            BatchJob.InvoiceExtraction => Random.Pick([256, 300, 512]),
            BatchJob.ReviewSummary => Random.Pick([60, 100]),
            _ => Random.Pick([300, 400, 600]),
        };
        _seed = Random.Chance(0.3) ? Random.Pick([0L, 42L, 1234L]) : null;
        _temperature = Random.Chance(0.7) ? 0.0 : 0.2;
        _zeroRetention = _job == BatchJob.Translation || Random.Chance(0.25);
    }

    private enum BatchJob
    {
        TicketClassification,
        InvoiceExtraction,
        ReviewSummary,
        ReviewSentiment,
        ProductDescription,
        PiiRedaction,
        Translation,
        PassageSummary,
    }

    public override void Generate(int day)
    {
        if (!Random.Chance(_jobDayProbability))
        {
            return;
        }

        var sliceStart = DayStart(day);
        var count = Random.In(_volume);
        var start = _continuous ? sliceStart : Diurnal.LocalTimeInSlice(sliceStart, _utcOffset, _windowStartLocal);
        var span = TimeSpan.FromHours(_continuous ? 24 : _windowHours);
        var interval = span.TotalSeconds / Math.Max(1, count);
        var at = start.AddSeconds(Random.Uniform(0, Math.Min(interval, 60)));
        for (var i = 0; i < count; i++)
        {
            var client = _cloud.Client(Random.Pick(_workers), _software);
            Context.Exchanges.Emit(at, _account, _account.Subject, null, client, Request(at), Random, ErrorProfile.Automated);

            // A fixed-rate worker pool: the interval barely varies.
            at = at.AddSeconds(interval * Random.Uniform(0.93, 1.07));
        }
    }

    private RequestSpec Request(DateTimeOffset at)
    {
        var corpus = Context.Corpus;
        string? system = null;
        string prompt;
        var kind = ContentKind.Short;
        string? output = null;
        string? format = null;
        var tokens = 40.0;
        switch (_job)
        {
            case BatchJob.TicketClassification:
                prompt = "Classify the following support ticket into exactly one of these categories: billing, technical, account, shipping, other. Reply with the category name only.\n\nTicket:\n" + DocumentForge.SupportTicket(Random);
                kind = ContentKind.Label;
                output = Random.Pick(Categories);
                tokens = 1;
                break;
            case BatchJob.InvoiceExtraction:
                system = "You extract structured data from documents. Output valid JSON only.";
                prompt = "Extract vendor, invoice_number, date, total and currency from this invoice:\n\n" + DocumentForge.Invoice(Random);
                kind = ContentKind.Json;
                format = "json_object";
                output = "{\"vendor\": \"";
                tokens = 60;
                break;
            case BatchJob.ReviewSummary:
                prompt = "Summarize the following customer review in one sentence.\n\nReview: " + DocumentForge.Review(Random, out var mood);
                output = mood switch
                {
                    "positive" => "The customer is happy with the product",
                    "negative" => "The customer is disappointed with the product",
                    _ => "The customer has mixed feelings about the product",
                };
                tokens = 35;
                break;
            case BatchJob.ReviewSentiment:
                prompt = "What is the sentiment of this review? Answer positive, negative or mixed.\n\n" + DocumentForge.Review(Random, out var sentiment);
                kind = ContentKind.Label;
                output = sentiment;
                tokens = 1;
                break;
            case BatchJob.ProductDescription:
                prompt = "Write a product description of about 60 words from these attributes:\n" + DocumentForge.ProductAttributes(Random);
                kind = ContentKind.Creative;
                tokens = 90;
                break;
            case BatchJob.PiiRedaction:
                var email = DocumentForge.BusinessEmail(Random);
                prompt = "Redact all personal data (names, e-mail addresses, phone numbers) in the text below. Return only the redacted text.\n\n" + email;
                output = "From: [NAME]\n" + email[(email.IndexOf('\n', StringComparison.Ordinal) + 1)..];
                output = output[..Math.Min(output.Length, 160)];
                tokens = 150;
                break;
            case BatchJob.Translation:
                prompt = string.Create(CultureInfo.InvariantCulture, $"Translate the following text into {_targetLanguage}. Return only the translation.\n\n") + DocumentForge.Passage(corpus.OasstGeneral, Random);
                tokens = 160;
                break;
            default:
                var passage = DocumentForge.Passage(corpus.OasstGeneral, Random);
                prompt = "Summarize the following text in 3 bullet points:\n\n" + passage;
                output = "- " + passage[..Math.Min(passage.Length, 70)];
                tokens = 70;
                break;
        }

        List<ChatMessage> messages = system is null ? [new("user", prompt)] : [new("system", system), new("user", prompt)];
        return new RequestSpec
        {
            Model = Context.Models.Latest(_tier, at - TimeSpan.FromDays(30)),
            Messages = messages,
            Temperature = _temperature,
            MaxTokens = _maxTokens,
            Seed = _seed,
            ResponseFormat = format,
            ReasoningEffort = "low",
            Kind = kind,
            AnswerTokens = tokens,
            Output = output,
            LogsOutput = !_zeroRetention,
        };
    }
}
