using System.Globalization;
using System.Text;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// The documents enterprise jobs and apps feed through one template: support tickets, invoices, reviews, e-mails,
/// meeting notes, headlines, product attributes and passages assembled from corpus sentences. Every call makes a new
/// document.
/// </summary>
internal static class DocumentForge
{
    private static readonly string[] Products = ["wireless earbuds", "standing desk", "coffee grinder", "running shoes", "air purifier", "backpack", "smartwatch", "office chair", "blender", "e-reader", "phone case", "desk lamp", "yoga mat", "water bottle", "monitor arm"];

    private static readonly string[] FirstNames = ["Maria", "James", "Aisha", "Chen", "Lukas", "Sofia", "Raj", "Emma", "Diego", "Yuki", "Olivia", "Ahmed", "Noah", "Fatima", "Liam", "Priya", "Mateo", "Hannah"];

    private static readonly string[] LastNames = ["Garcia", "Smith", "Khan", "Wang", "Müller", "Rossi", "Patel", "Johnson", "Silva", "Tanaka", "Brown", "Hassan", "Novak", "Kowalski", "Dubois", "Nguyen"];

    private static readonly string[] TicketIssues =
    [
        "I was charged twice for my subscription this month.", "My {product} arrived with a cracked screen.", "I can't log in since I changed my phone number.",
        "The tracking link for my order hasn't updated in five days.", "I want to cancel my plan but the button doesn't work.", "The app crashes every time I open the settings page.",
        "I received the wrong colour of {product}.", "My discount code was not applied at checkout.", "How do I change the delivery address for an order that already shipped?",
        "The {product} stopped charging after two weeks.", "I never got the password reset email.", "Please delete my account and all my data.",
        "The invoice shows the wrong company name.", "My refund was approved but hasn't reached my card.", "Can I upgrade to the annual plan mid-cycle?",
    ];

    private static readonly string[] TicketDetails =
    [
        "I already tried restarting it.", "This is the second time this has happened.", "I need this sorted before Friday.", "Screenshot attached.",
        "I've been a customer for three years.", "Your chat bot couldn't help.", "Please call me back if possible.", "", "", "",
    ];

    private static readonly string[] ReviewPositive = ["Works exactly as described.", "Battery life is excellent.", "Setup took two minutes.", "Great value for the price.", "Feels really sturdy.", "Customer service was quick to help.", "Looks even better in person."];

    private static readonly string[] ReviewNegative = ["Stopped working after a week.", "The instructions were useless.", "Much smaller than the photos suggest.", "Arrived late and the box was damaged.", "Way too loud.", "The app keeps disconnecting.", "Not worth the money."];

    private static readonly string[] ReviewNeutral = ["It does the job.", "Delivery was on time.", "Colour is slightly different from the picture.", "Average build quality.", "I expected a bit more for this price."];

    private static readonly string[] Vendors = ["Northwind Supplies Ltd", "Acme Office GmbH", "Blue River Logistics", "Contoso Print Services", "Greenleaf Catering", "Helios IT Solutions", "Atlas Facility Management", "Pinecrest Consulting"];

    private static readonly string[] LineItems = ["Consulting hours", "Printer toner", "Catering (team lunch)", "Software licence", "Courier service", "Office chairs", "Cloud hosting", "Cleaning service", "Travel expenses", "Maintenance contract"];

    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "CHF"];

    private static readonly string[] Topics = ["Q3 roadmap", "hiring plan", "vendor renewal", "website relaunch", "budget review", "customer churn", "security audit", "office move"];

    private static readonly string[] Headlines =
    [
        "{company} shares jump after surprise earnings beat", "City council approves new bike lanes downtown", "{team} clinch title with last-minute goal",
        "New study links sleep quality to heart health", "{company} unveils cheaper electric hatchback", "Heatwave expected to last through the weekend",
        "Streaming service raises prices for the second time this year", "Central bank holds rates steady amid slowing inflation",
        "Local bakery wins national bread award", "Startup raises ${m}M to build battery recycling plants", "Museum reopens after two-year renovation",
    ];

    private static readonly string[] Companies = ["Veltrix", "Nordlicht", "Sunharbor", "Kestrel Motors", "Orbis Bank", "Quanta Foods", "Lumio"];

    private static readonly string[] Teams = ["Riverside United", "The Harbor Hawks", "Northgate FC", "Valley Rangers"];

    private static readonly string[] Comments =
    [
        "This is the best thing I've read all week.", "Nobody asked for your opinion.", "Can someone explain why this matters?", "Totally agree, well said.",
        "What a waste of time.", "Source? This sounds made up.", "lol this is hilarious", "People like you are the problem.", "Thanks for sharing, very helpful.",
        "I had the same experience last year.", "Go back to where you came from.", "This deserves more upvotes.",
    ];

    public static string SupportTicket(SimRandom random)
    {
        var name = random.Pick(FirstNames);
        var builder = new StringBuilder();
        builder.Append(random.Pick(["Hi,", "Hello,", "Dear support,", "Hi team,", ""])).Append(' ');
        builder.Append(random.Pick(TicketIssues).Replace("{product}", random.Pick(Products), StringComparison.Ordinal)).Append(' ');
        builder.Append(random.Pick(TicketDetails)).Append(' ');
        if (random.Chance(0.6))
        {
            builder.Append(CultureInfo.InvariantCulture, $"Order #{random.Next(100000, 999999)}. ");
        }

        builder.Append(random.Pick(["Thanks,", "Regards,", "Cheers,", ""])).Append(' ').Append(name);
        return Normalise(builder.ToString());
    }

    public static string Review(SimRandom random, out string sentiment)
    {
        var mood = random.Next(3);
        sentiment = mood switch { 0 => "positive", 1 => "negative", _ => "mixed" };
        var sentences = new List<string>();
        var pool = mood switch { 0 => ReviewPositive, 1 => ReviewNegative, _ => ReviewNeutral };
        var count = random.Next(2, 5);
        for (var i = 0; i < count; i++)
        {
            sentences.Add(random.Pick(i == count - 1 && mood == 2 ? (random.Chance(0.5) ? ReviewPositive : ReviewNegative) : pool));
        }

        return $"{random.Pick(["Bought this", "Ordered the", "Got the", "My new"])} {random.Pick(Products)} {random.Pick(["last month", "for my office", "as a gift", "two weeks ago", "on sale"])}. {string.Join(' ', sentences.Distinct(StringComparer.Ordinal))} {random.Next(1, 6)}/5.";
    }

    public static string Invoice(SimRandom random)
    {
        var currency = random.Pick(Currencies);
        var builder = new StringBuilder();
        builder.AppendLine(random.Pick(["INVOICE", "Invoice", "TAX INVOICE", "Rechnung / Invoice"]));
        builder.AppendLine(CultureInfo.InvariantCulture, $"Vendor: {random.Pick(Vendors)}");
        builder.AppendLine(CultureInfo.InvariantCulture, $"Invoice No: INV-{random.Next(2024, 2027)}-{random.Next(1000, 99999):D5}");
        builder.AppendLine(CultureInfo.InvariantCulture, $"Date: {random.Next(1, 29):D2}.{random.Next(1, 13):D2}.2026");
        builder.AppendLine(CultureInfo.InvariantCulture, $"Bill to: {random.Pick(Companies)} {random.Pick(["GmbH", "Ltd", "Inc.", "S.A.", "BV"])}, attn. {random.Pick(FirstNames)} {random.Pick(LastNames)}");
        var subtotal = 0m;
        var lines = random.Next(1, 5);
        for (var i = 0; i < lines; i++)
        {
            var quantity = random.Next(1, 20);
            var price = random.Next(5, 900) + (random.Next(100) / 100m);
            subtotal += quantity * price;
            builder.AppendLine(CultureInfo.InvariantCulture, $"{random.Pick(LineItems)}  {quantity} x {price:0.00}  {quantity * price:0.00}");
        }

        var vat = Math.Round(subtotal * 0.2m, 2);
        builder.AppendLine(CultureInfo.InvariantCulture, $"Subtotal: {subtotal:0.00} {currency}");
        builder.AppendLine(CultureInfo.InvariantCulture, $"VAT 20%: {vat:0.00} {currency}");
        builder.Append(CultureInfo.InvariantCulture, $"Total due: {subtotal + vat:0.00} {currency}");
        return builder.ToString();
    }

    public static string BusinessEmail(SimRandom random)
    {
        var from = $"{random.Pick(FirstNames)} {random.Pick(LastNames)}";
        var topic = random.Pick(Topics);
        return $"From: {from}\nSubject: {QuestionForge.Capitalise(topic)}\n\nHi all,\n\n{random.Pick(["Following up on yesterday's call", "As discussed last week", "Quick update", "Before the next steering meeting"])}, " +
            $"{random.Pick(["we still need a decision on", "I have attached the draft for", "there are two open questions about", "the numbers have changed for"])} the {topic}. " +
            $"{random.Pick(["Could you send your comments by Thursday?", "Please review before Monday.", "Let me know if anything is unclear.", "I'd suggest we push the deadline by a week."])} " +
            $"{random.Pick(["Our contact at the vendor is " + random.Pick(FirstNames) + ", reachable at +44 20 7946 " + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + ".", "Budget impact is roughly " + random.Next(5, 90).ToString(CultureInfo.InvariantCulture) + "k.", string.Empty])}\n\nBest,\n{from}";
    }

    public static string MeetingNotes(SimRandom random)
    {
        var attendees = string.Join(", ", random.Sample(FirstNames, random.Next(3, 7)));
        return $"Meeting: {random.Pick(Topics)}\nAttendees: {attendees}\n- {random.Pick(["Agreed to", "Decided to", "Will revisit whether to"])} {random.Pick(["extend the pilot", "hire two contractors", "drop the legacy API", "move launch to next quarter", "renegotiate the contract"])}.\n" +
            $"- {random.Pick(FirstNames)} to {random.Pick(["prepare the budget", "draft the announcement", "check with legal", "update the dashboard", "book the venue"])} by {random.Pick(["Friday", "next week", "end of month"])}.\n" +
            $"- Open question: {random.Pick(["who owns the migration?", "do we need a second vendor?", "what is the rollback plan?", "how do we measure success?"])}";
    }

    public static string Headline(SimRandom random) =>
        random.Pick(Headlines)
            .Replace("{company}", random.Pick(Companies), StringComparison.Ordinal)
            .Replace("{team}", random.Pick(Teams), StringComparison.Ordinal)
            .Replace("{m}", random.Next(5, 300).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static string Comment(SimRandom random) =>
        random.Pick(Comments) + (random.Chance(0.3) ? " " + random.Pick(Comments) : string.Empty);

    public static string ProductAttributes(SimRandom random) =>
        $"name: {random.Pick(Companies)} {QuestionForge.Capitalise(random.Pick(Products))} {random.Pick(["Pro", "Lite", "Max", "2", "Air", "S"])}\n" +
        $"colour: {random.Pick(["black", "white", "sage green", "navy", "sand", "graphite"])}\n" +
        $"material: {random.Pick(["recycled aluminium", "bamboo", "stainless steel", "ABS plastic", "organic cotton"])}\n" +
        $"weight: {random.Next(80, 4000)} g\nprice: {random.Next(9, 400)}.99\nfeatures: {string.Join(", ", random.Sample(["waterproof", "USB-C charging", "2-year warranty", "foldable", "dishwasher safe", "noise cancelling", "adjustable height", "app control"], random.Next(2, 4)))}";

    /// <summary>Assembles a passage from sentences of the given texts (a document for summarising or translating jobs).</summary>
    public static string Passage(IReadOnlyList<CorpusPrompt> pool, SimRandom random)
    {
        var sentences = new List<string>();
        var sources = random.Next(2, 5);
        for (var i = 0; i < sources; i++)
        {
            foreach (var sentence in random.Pick(pool).Text.Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (sentence.Length is > 20 and < 300 && !sentence.Contains('\n', StringComparison.Ordinal))
                {
                    sentences.Add(sentence + ".");
                }

                if (sentences.Count >= 8)
                {
                    break;
                }
            }
        }

        return sentences.Count > 0 ? string.Join(' ', sentences) : random.Pick(pool).Text;
    }

    private static string Normalise(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
