using System.Globalization;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// Everyday questions of ordinary users, generated from templates so that unrelated users rarely send the same text,
/// and the casual variations real people add to prompts they found elsewhere.
/// </summary>
internal static class EverydayForge
{
    private static readonly string[] Templates =
    [
        "What's a good {meal} recipe for {n} people that uses {ingredient}?",
        "I have a {hours}-hour layover in {city}. What can I do near the airport?",
        "Write a short birthday message for my {relation} who loves {hobby}.",
        "How do I get rid of {pest} in my {room} without harsh chemicals?",
        "Can you help me write an email to my landlord about {issue}?",
        "My {device} keeps {problem}. What should I try?",
        "Suggest {n} names for a {pet} that is {trait}.",
        "Plan a {days}-day trip to {city} on a budget.",
        "Is it worth learning {skill} in {year}?",
        "Give me a {weeks}-week plan to train for a {race}.",
        "Rewrite this to sound more professional: \"{casual}\"",
        "What should I pack for {days} days in {city} in {month}?",
        "How can I politely tell my {relation} that {awkward}?",
        "What are some {adjective} gift ideas for a {relation} under ${budget}?",
        "Explain {simple} in simple terms.",
        "What's the difference between {pairA} and {pairB}?",
        "I'm {age} and want to start {activity}. Where do I begin?",
        "Help me write a cover letter for a {job} position. I have {years} years of experience in {domain}.",
        "Can you summarize the main arguments for and against {debate}?",
        "How long should I {cook} a {weight}g {food}?",
        "Write a {form} about {topic} for my {audience}.",
        "What are good questions to ask at the end of a {job} interview?",
        "My {relation} and I are arguing about whether {claim}. Who is right?",
        "How do I convert {amount} {unitA} to {unitB}?",
        "Create a weekly meal plan for someone who is {diet} and wants to {goal}.",
        "What are the pros and cons of {choiceA} versus {choiceB}?",
    ];

    private static readonly Dictionary<string, string[]> Slots = new(StringComparer.Ordinal)
    {
        ["meal"] = ["dinner", "breakfast", "lunch", "vegetarian dinner", "quick weeknight", "slow cooker", "one-pot", "picnic"],
        ["ingredient"] = ["chickpeas", "leftover rice", "salmon", "sweet potatoes", "spinach", "tofu", "ground beef", "lentils", "zucchini", "feta"],
        ["city"] = ["Lisbon", "Tokyo", "Chicago", "Istanbul", "Amsterdam", "Singapore", "Mexico City", "Seoul", "Berlin", "Toronto", "Dubai", "Prague"],
        ["relation"] = ["sister", "brother", "mom", "dad", "best friend", "coworker", "boss", "grandmother", "roommate", "partner", "neighbour"],
        ["hobby"] = ["hiking", "gardening", "board games", "jazz", "baking", "cycling", "photography", "fishing", "anime", "chess"],
        ["pest"] = ["fruit flies", "ants", "mould", "moths", "silverfish", "spiders"],
        ["room"] = ["kitchen", "bathroom", "basement", "bedroom", "garage"],
        ["issue"] = ["a broken heater", "a leaking sink", "noise from the upstairs flat", "a late deposit refund", "mould in the bathroom", "a rent increase"],
        ["device"] = ["laptop", "phone", "printer", "router", "smart TV", "dishwasher", "car"],
        ["problem"] = ["overheating", "disconnecting from wifi", "freezing after updates", "draining the battery", "making a clicking noise", "restarting randomly"],
        ["pet"] = ["cat", "puppy", "rabbit", "parrot", "goldfish", "hamster"],
        ["trait"] = ["very lazy", "black and white", "tiny but loud", "always hungry", "grumpy", "super friendly"],
        ["skill"] = ["Rust", "Spanish", "data analysis", "woodworking", "the piano", "video editing", "Excel", "Japanese", "accounting"],
        ["race"] = ["5K", "10K", "half marathon", "marathon", "sprint triathlon"],
        ["casual"] = ["hey, can u send me the file by tmrw?", "sorry i cant make it to the meeting", "this is taking forever, any update?", "thanks a ton, u saved me", "pls fix the bug asap"],
        ["month"] = ["January", "March", "May", "July", "September", "November", "December"],
        ["awkward"] = ["I need more personal space", "I can't lend them money again", "their music is too loud", "I don't want to go to the wedding"],
        ["adjective"] = ["thoughtful", "funny", "practical", "last-minute", "unusual", "eco-friendly"],
        ["simple"] = ["inflation", "how vaccines work", "compound interest", "blockchain", "why the sky is blue", "how a mortgage works", "machine learning", "black holes", "the stock market"],
        ["pairA"] = ["baking soda", "a Roth IRA", "weather", "a virus", "a latte", "an LLC", "RAM", "empathy"],
        ["pairB"] = ["baking powder", "a traditional IRA", "climate", "bacteria", "a flat white", "a sole proprietorship", "storage", "sympathy"],
        ["activity"] = ["running", "investing", "learning to code", "weightlifting", "painting", "yoga", "swimming"],
        ["job"] = ["marketing manager", "junior developer", "nurse", "data analyst", "teacher", "product designer", "sales"],
        ["domain"] = ["retail", "healthcare", "logistics", "customer support", "education", "finance"],
        ["debate"] = ["a four-day work week", "nuclear energy", "remote work", "universal basic income", "banning phones in schools"],
        ["cook"] = ["roast", "bake", "grill", "boil"],
        ["food"] = ["chicken breast", "pork loin", "salmon fillet", "potato", "loaf of bread"],
        ["form"] = ["short poem", "limerick", "speech", "story", "toast"],
        ["topic"] = ["friendship", "autumn", "our team's success", "a retirement", "moving to a new city", "a graduation"],
        ["audience"] = ["kids", "colleagues", "wedding guests", "class", "book club"],
        ["claim"] = ["you can see the Great Wall from space", "cracking knuckles causes arthritis", "goldfish have a 3-second memory", "sugar makes kids hyper"],
        ["unitA"] = ["cups of flour", "miles", "pounds", "ounces", "degrees Fahrenheit", "gallons"],
        ["unitB"] = ["grams", "kilometres", "kilograms", "millilitres", "degrees Celsius", "litres"],
        ["diet"] = ["vegetarian", "gluten-free", "lactose intolerant", "on a tight budget", "pescatarian"],
        ["goal"] = ["lose weight", "build muscle", "eat more protein", "save time cooking"],
        ["choiceA"] = ["renting", "an electric car", "a gas stove", "freelancing", "a Mac", "public school"],
        ["choiceB"] = ["buying", "a hybrid", "an induction hob", "a full-time job", "a Windows laptop", "private school"],
    };

    private static readonly string[] CasualPrefixes =
    [
        "hey, ", "hi! ", "quick question: ", "Hello, ", "ok so ", "I was wondering, ", "Can you help? ", "Hi there. ", "Question: ",
        "I'm a student and ", "For work: ", "Random question but ", "Please help: ", "My kid asked me this and I didn't know: ",
        "I'm a nurse. ", "For my thesis: ", "Asking for a friend: ", "Been thinking about this all day. ", "Serious question: ",
        "I'm new to this. ", "Hey! ", "Help me out here: ", "So, ", "Quick one: ", "I'm a teacher and ", "As a small business owner, ",
        "Good morning! ", "Sorry if this is a dumb question, but ", "Need some advice. ", "Okay, ",
    ];

    private static readonly string[] CasualSuffixes =
    [
        " thanks!", " Thank you.", " thx", " (keep it short)", " Please be detailed.", " in simple words pls", " Give me a few options.",
        " :)", " Thanks in advance.", " Be honest.", " Bullet points please.", " ty", " Explain briefly.", " Any tips appreciated!",
        " I'm in a hurry.", " (no jargon please)", " Please.", " ??",
    ];

    /// <summary>English follow-up turns of an ordinary conversation.</summary>
    public static readonly IReadOnlyList<string> FollowUps =
    [
        "thanks! can you make it shorter?", "Can you give me an example?", "ok and what are the downsides?", "Make it more formal.",
        "Can you put that in a table?", "why?", "Can you translate that to Spanish?", "Great, now as bullet points please.",
        "hmm, are you sure about that?", "What would you recommend for a beginner?", "Can you expand on the second point?",
        "Thanks, that helps!", "Could you simplify that?", "What sources would you recommend to learn more?", "Make it funnier.",
        "Can you rewrite it for a 10 year old?", "what about if I only have 20 minutes?", "That's too long, cut it in half.",
        "Can you add a conclusion?", "Ok, and how much would that cost roughly?", "Now write a version for LinkedIn.",
        "Actually, I meant for a small team, not a big company.", "Give me 3 more ideas.", "Can you check this again? I think step 2 is wrong.",
        "what's the first thing I should do?", "Perfect. Can you also draft a reply?", "Use a friendlier tone.", "Explain the last part again?",
        "Is there a cheaper option?", "Thanks. One more question: how long does that usually take?",
    ];

    public static string Question(SimRandom random)
    {
        var template = random.Pick(Templates);
        var slots = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["n"] = Number(random.Next(2, 9)),
            ["hours"] = Number(random.Next(4, 13)),
            ["days"] = Number(random.Next(2, 11)),
            ["weeks"] = Number(random.Next(4, 17)),
            ["year"] = Number(2026 + random.Next(0, 2)),
            ["budget"] = Number(random.Next(2, 11) * 10),
            ["age"] = Number(random.Next(17, 68)),
            ["years"] = Number(random.Next(1, 16)),
            ["weight"] = Number(random.Next(2, 20) * 100),
            ["amount"] = Number(random.Next(1, 40)),
        };
        foreach (var (name, values) in Slots)
        {
            if (template.Contains("{" + name + "}", StringComparison.Ordinal))
            {
                slots[name] = random.Pick(values);
            }
        }

        return QuestionForge.Fill(template, slots);
    }

    /// <summary>
    /// Adds what real people do to a prompt they send: a greeting or some context in front, a sign-off behind, a
    /// lower-case start, a dropped full stop, a typo. Unrelated users rarely send the very same text.
    /// </summary>
    public static string Casual(string prompt, SimRandom random)
    {
        var body = prompt;
        if (random.Chance(0.15) && body.Length > 20)
        {
            body = Typo(body, random);
        }

        if (body.Length < 600 && random.Chance(0.25) && (body.EndsWith('.') || body.EndsWith('?')))
        {
            body = body[..^1];
        }

        var prefix = random.Chance(0.65) ? random.Pick(CasualPrefixes) : string.Empty;
        if ((prefix.Length > 0 || random.Chance(0.2)) && body.Length > 1 && char.IsUpper(body[0]) && !char.IsUpper(body[1]) && random.Chance(0.6))
        {
            body = char.ToLowerInvariant(body[0]) + body[1..];
        }

        var suffix = body.Length < 600 && random.Chance(0.4) ? random.Pick(CasualSuffixes) : string.Empty;
        return prefix + body + suffix;
    }

    private static string Typo(string text, SimRandom random)
    {
        // Swap two adjacent letters somewhere in the text, the most common typing slip.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var i = random.Next(1, text.Length - 2);
            if (char.IsAsciiLetterLower(text[i]) && char.IsAsciiLetterLower(text[i + 1]) && text[i] != text[i + 1])
            {
                return string.Concat(text.AsSpan(0, i), text[i + 1].ToString(), text[i].ToString(), text.AsSpan(i + 2));
            }
        }

        return text;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
