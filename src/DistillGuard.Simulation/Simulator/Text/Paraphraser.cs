using System.Text;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// Rewords each prompt of an adaptive campaign on its own, the way an operator who has read the detector's README runs
/// every item through a paraphrasing model: openings and closings drawn from combinations rather than a template,
/// leading verbs swapped, the question moved in front of its setup, case and punctuation loosened, formatting changed.
/// No fragment asks for the model's reasoning, so nothing here is a coercion phrase.
/// </summary>
/// <remarks>
/// The engine's template signal hashes a prompt's first and last five tokens. A fixed frame gives every prompt the
/// same hashes; here an opening is built from two or three independently chosen parts (greeting, lead, separator) and
/// is absent about half the time, when the prompt starts with the item's own words, so two prompts of one account
/// share both ends about as rarely as two prompts of different people do.
/// </remarks>
internal static class Paraphraser
{
    private static readonly string[] CasualGreetings = ["hey", "hi", "ok so", "quick one", "hmm", "hey there", "hiya", "so", "yo", "alright"];
    private static readonly string[] CasualLeads =
    [
        "can u help with this", "need help with something", "got a question", "random question", "been stuck on this",
        "my brain is fried", "trying to figure this out", "this one's bugging me", "help pls", "wondering about this",
        "no idea how to do this one", "can you do this for me", "what do you make of this", "how would you handle this",
    ];

    private static readonly string[] CasualClosings =
    [
        "thx", "ty", "thanks!!", "cheers", "pls", "any ideas?", "appreciate it", "thanks in advance", "much appreciated",
        "ty in advance", "no rush", "thank u", "lmk", "thanks a ton", "you're a lifesaver",
    ];

    private static readonly string[] PoliteGreetings = ["Hello", "Hi", "Good morning", "Good evening", "Hi there", "Hello there", "Good afternoon"];
    private static readonly string[] PoliteLeads =
    [
        "could you help me with the following", "I'd appreciate your help with this", "would you mind helping me with something",
        "I hope you can help", "may I ask you something", "I have a question, if that's okay", "could you take a look at this",
        "I'd be grateful for some help", "please help me with the following", "I wonder if you could help with this one",
        "would you be able to answer this", "I'd love your help on this",
    ];

    private static readonly string[] PoliteClosings =
    [
        "Thank you!", "Thanks so much.", "Thank you in advance.", "Many thanks.", "I really appreciate it.", "Thanks for your help!",
        "Thank you kindly.", "Much appreciated, thanks.", "Thanks a lot!", "Thanks, this means a lot.", "Thank you for your time.",
    ];

    private static readonly string[] TerseLeads = ["Task", "Q", "Help", "Quick question", "Need this", "Please", "Question", "Request", "Problem"];
    private static readonly string[] TerseClosings = ["Thanks.", "Ty.", "Asap if possible.", "Need it for tomorrow.", "Cheers.", "Thx.", "Answer in English."];

    private static readonly string[] ContextSubjects = ["I'm", "I am", "Im", "So I'm", "Currently I'm", "Right now I'm"];
    private static readonly string[] ContextActivities =
    [
        "studying for an exam", "preparing for a job interview", "working on a side project", "helping my kid with homework",
        "writing a blog post", "reviewing for a certification", "trying to learn this on my own", "prepping a lesson",
        "going through old notes", "doing some practice problems", "curious about this after a podcast", "building a small app",
        "tutoring a friend", "putting together slides for work", "catching up on a course", "reading up on this for fun",
    ];

    private static readonly string[] ContextTurns =
    [
        "and I got stuck on this", "and this came up", "and I want to understand this", "and I'd like a good answer to this",
        "and need a hand", "and would love your take", "and this one tripped me up", "and can't get past this", "so here goes",
    ];

    private static readonly string[] MarkdownLeads = ["## Question", "**Question:**", "### Task", "**Problem**", "# Help needed", "**Here's what I need:**", "#### Ask", "**Context**"];
    private static readonly string[] MarkdownClosings = ["---\nThanks!", "*Thanks in advance*", "_any help appreciated_", "**Thanks!**", "---", "_cheers_"];

    private static readonly string[] FormalGreetings = ["Dear Assistant", "Good day", "Dear sir or madam", "Greetings", "To the assistant"];
    private static readonly string[] FormalLeads =
    [
        "I am writing to request your assistance with the following matter", "I would be most grateful if you could address the following",
        "Kindly consider the question below", "Please find my query below", "I should like to ask the following",
        "May I trouble you with the following question", "I would appreciate your considered answer to the following",
    ];

    private static readonly string[] FormalClosings =
    [
        "Yours sincerely.", "With kind regards.", "Respectfully.", "I thank you for your time.", "Kind regards, and thank you in advance.",
        "Best regards.", "With thanks and regards.", "I remain grateful for your help.",
    ];

    private static readonly string[] LearnerLeads =
    [
        "Please can you help me for this", "I want to ask about this question", "Hello sir, please help me", "Kindly help me to solve this",
        "I have doubt in this", "Can you tell me answer for this", "Please tell me about this", "Sir I am not understanding this",
        "Please do the needful for this question", "Help me in this one please",
    ];

    private static readonly string[] LearnerClosings =
    [
        "Thanks you.", "Thank you very much sir.", "Please reply soon.", "Waiting your answer.", "I am thankful.", "Please help, it is urgent.",
        "Thank you for helping me.", "Kindly reply.",
    ];

    private static readonly string[] Stories =
    [
        "My friend and I were arguing about this", "My teacher gave us this and nobody in class agrees", "This came up at dinner last night",
        "Saw this on a forum and the replies were all over the place", "My manager asked me this in a meeting and I blanked",
        "My roommate bet me I couldn't get this", "Our study group split down the middle on this one", "A colleague sent me this as a challenge",
        "This was on a quiz and I'm still not sure", "My dad and I have been going back and forth on this",
    ];

    private static readonly string[] StoryClosings =
    [
        "Who's right?", "What would you say?", "Settle this for us.", "What's your answer?", "I want to get back to them with something solid.",
        "Curious what you come up with.", "Help me win this one.", "What do you reckon?",
    ];

    private static readonly string[] ChecklistHeaders = ["Requirements:", "A few things:", "Please make sure to:", "Notes:", "Constraints:", "What I need:", "Must haves:"];
    private static readonly string[] ChecklistItems =
    [
        "use plain language", "include an example", "mention edge cases", "keep the formatting clean", "use headings",
        "cite where this comes from if you can", "aim for a thorough answer", "write it for a smart beginner", "add a short summary at the end",
        "use metric units", "keep code in one block", "avoid jargon where possible", "give the final answer clearly", "note any assumptions",
    ];

    private static readonly string[] SetupConnectors = ["Here's the setup: ", "Context: ", "Details: ", "Given: ", string.Empty, "The situation: ", "Info: ", "Background: "];

    private static readonly (string From, string[] To)[] LeadingVerbs =
    [
        ("Write ", ["Compose ", "Draft ", "Put together ", "Can you write ", "I need ", "Please write "]),
        ("Explain ", ["Describe ", "Tell me about ", "Help me understand ", "Break down ", "What's the story with "]),
        ("Give ", ["Provide ", "Share ", "List ", "Can you give ", "Come up with "]),
        ("Create ", ["Make ", "Build ", "Come up with ", "Design ", "Set up "]),
        ("Generate ", ["Produce ", "Come up with ", "Make ", "Create "]),
        ("What is ", ["What's ", "So what is ", "Do you know what ", "Define "]),
        ("How do I ", ["How can I ", "What's the best way to ", "How should I ", "How would I "]),
        ("How can I ", ["How do I ", "What's a good way to ", "Is there a way to "]),
        ("Can you ", ["Could you ", "Would you ", "Please ", "Are you able to "]),
        ("Please ", [string.Empty, "Kindly ", "Could you "]),
        ("List ", ["Give me ", "Name ", "Enumerate ", "What are "]),
        ("Describe ", ["Explain ", "Tell me about ", "Walk through ", "Outline "]),
    ];

    /// <summary>Rewords one prompt in <paramref name="style"/>.</summary>
    /// <param name="text">The item's text.</param>
    /// <param name="kind">What kind of answer it calls for (code keeps its layout).</param>
    /// <param name="style">The register to reword in.</param>
    /// <param name="random">The caller's generator.</param>
    /// <returns>The prompt as sent.</returns>
    public static string Reword(string text, ContentKind kind, ParaphraseStyle style, SimRandom random)
    {
        var code = kind == ContentKind.Code && (text.Contains("def ", StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal));
        var body = code ? text.Trim('\n') : Rewrite(text.Trim(), style, random);
        if (code)
        {
            body = Fence(body, random);
        }

        return style switch
        {
            ParaphraseStyle.Casual => Frame(random, 0.55, Casualise(body, code, random), CasualOpening(random), random.Chance(0.45) ? random.Pick(CasualClosings) : null),
            ParaphraseStyle.Polite => Frame(random, 0.65, body, Opening(random, PoliteGreetings, 0.6, PoliteLeads, 0.8), random.Chance(0.55) ? random.Pick(PoliteClosings) : null),
            ParaphraseStyle.Terse => Frame(random, 0.35, Tersify(body, code), random.Pick(TerseLeads) + random.Pick([": ", " - ", "\n", ":\n"]), random.Chance(0.2) ? random.Pick(TerseClosings) : null),
            ParaphraseStyle.Contextual => Contextualise(body, random),
            ParaphraseStyle.Markdown => Frame(random, 0.6, code || !random.Chance(0.4) ? body : Quote(body), random.Pick(MarkdownLeads) + "\n\n", random.Chance(0.35) ? random.Pick(MarkdownClosings) : null),
            ParaphraseStyle.Formal => Frame(random, 0.7, body, Opening(random, FormalGreetings, 0.7, FormalLeads, 0.9, ",\n\n"), random.Chance(0.7) ? random.Pick(FormalClosings) : null),
            ParaphraseStyle.Learner => Frame(random, 0.7, code ? body : DropArticles(body, random), random.Pick(LearnerLeads) + random.Pick([": ", ".\n", "?\n", " -\n"]), random.Chance(0.55) ? random.Pick(LearnerClosings) : null),
            ParaphraseStyle.Embedded => Frame(random, 0.75, body, random.Pick(Stories) + random.Pick([":\n\n", ". Here it is:\n", " -\n", ". The question:\n\n"]), random.Chance(0.7) ? random.Pick(StoryClosings) : null),
            ParaphraseStyle.Checklist => Frame(random, 0.35, body, random.Chance(0.5) ? random.Pick(PoliteLeads) + ":\n\n" : null, Checklist(random)),
            _ => Frame(random, 0.15, body, Opening(random, PoliteGreetings, 0.5, CasualLeads, 0.5), random.Chance(0.12) ? random.Pick(PoliteClosings) : null),
        };
    }

    /// <summary>Capitalises the first letter, for openings used at the start of a message.</summary>
    public static string Capitalise(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static string Frame(SimRandom random, double openingShare, string body, string? opening, string? closing)
    {
        var builder = new StringBuilder();
        if (opening is not null && random.Chance(openingShare))
        {
            builder.Append(opening);
        }

        builder.Append(body);
        if (closing is not null)
        {
            builder.Append(random.Chance(0.5) ? "\n\n" : " ").Append(closing);
        }

        return builder.ToString();
    }

    private static string Opening(SimRandom random, string[] greetings, double greetingShare, string[] leads, double leadShare, string greetingSeparator = "")
    {
        var builder = new StringBuilder();
        if (random.Chance(greetingShare))
        {
            builder.Append(random.Pick(greetings)).Append(greetingSeparator.Length > 0 ? greetingSeparator : random.Pick([", ", "! ", ". ", " - "]));
        }

        if (random.Chance(leadShare))
        {
            var lead = random.Pick(leads);
            builder.Append(builder.Length == 0 || builder[^2] is '.' or '!' ? Capitalise(lead) : lead).Append(random.Pick([": ", ".\n\n", "?\n", ":\n", "\n\n", " - "]));
        }

        return builder.ToString();
    }

    private static string CasualOpening(SimRandom random)
    {
        var greeting = random.Chance(0.5) ? random.Pick(CasualGreetings) + random.Pick([", ", " - ", "! ", " "]) : string.Empty;
        var lead = random.Chance(0.7) ? random.Pick(CasualLeads) + random.Pick([": ", ". ", "\n", " -- ", "...\n", "\n\n"]) : string.Empty;
        var opening = greeting + lead;
        return random.Chance(0.5) ? Capitalise(opening) : opening;
    }

    private static string Contextualise(string body, SimRandom random)
    {
        var context = random.Pick(ContextSubjects) + " " + random.Pick(ContextActivities);
        if (random.Chance(0.65))
        {
            return context + " " + random.Pick(ContextTurns) + random.Pick([": ", ".\n\n", ":\n", " -\n"]) + body;
        }

        return body + random.Pick(["\n\n(for context: ", "\n\nContext: ", " -- "]) + char.ToLowerInvariant(context[0]) + context[1..] + random.Pick([".)", ".", ")", string.Empty]);
    }

    private static string Rewrite(string text, ParaphraseStyle style, SimRandom random)
    {
        var body = text;
        if (random.Chance(style == ParaphraseStyle.Plain ? 0.25 : 0.55))
        {
            foreach (var (from, to) in LeadingVerbs)
            {
                if (body.StartsWith(from, StringComparison.Ordinal))
                {
                    var replacement = random.Pick(to);
                    var rest = body[from.Length..];
                    body = replacement + (replacement.Length == 0 ? Capitalise(rest) : rest);
                    break;
                }
            }
        }

        // Word problems and multi-sentence tasks: ask the question first, then give the setup.
        if (random.Chance(style == ParaphraseStyle.Plain ? 0.1 : 0.3) && body.EndsWith('?') && body.Length < 1500)
        {
            var cut = body.LastIndexOfAny(['.', '!', '\n'], body.Length - 2);
            if (cut > 20)
            {
                var question = body[(cut + 1)..].Trim();
                var setup = body[..(cut + 1)].Trim();
                if (question.Length > 8)
                {
                    body = Capitalise(question) + random.Pick(["\n\n", " ", "\n"]) + random.Pick(SetupConnectors) + setup;
                }
            }
        }

        return body;
    }

    private static string Casualise(string body, bool code, SimRandom random)
    {
        if (code)
        {
            return body;
        }

        if (random.Chance(0.6) && body.Length > 1 && char.IsUpper(body[0]) && !char.IsUpper(body[1]))
        {
            body = char.ToLowerInvariant(body[0]) + body[1..];
        }

        if (random.Chance(0.4) && body.Length < 800 && body.EndsWith('.'))
        {
            body = body[..^1];
        }

        if (random.Chance(0.2) && body.Length > 20)
        {
            body = Typo(body, random);
        }

        return body;
    }

    private static string Tersify(string body, bool code)
    {
        if (code)
        {
            return body;
        }

        foreach (var polite in new[] { "Please ", "Can you ", "Could you " })
        {
            if (body.StartsWith(polite, StringComparison.Ordinal))
            {
                return Capitalise(body[polite.Length..]);
            }
        }

        return body;
    }

    private static string Quote(string body) => "> " + body.Replace("\n", "\n> ", StringComparison.Ordinal);

    private static string Fence(string code, SimRandom random) => random.Next(4) switch
    {
        0 => code,
        1 => "```\n" + code + "\n```",
        2 => "```python\n" + code + "\n```",
        _ => "```py\n" + code + "\n```",
    };

    private static string DropArticles(string body, SimRandom random)
    {
        var words = body.Split(' ');
        var kept = new List<string>(words.Length);
        foreach (var word in words)
        {
            if (word is "the" or "a" or "an" && random.Chance(0.4))
            {
                continue;
            }

            kept.Add(word);
        }

        return string.Join(' ', kept);
    }

    private static string Checklist(SimRandom random)
    {
        var items = random.Sample(ChecklistItems, random.Next(2, 5));
        var bullet = random.Pick(["- ", "* ", "• "]);
        return random.Pick(ChecklistHeaders) + "\n" + string.Join("\n", items.Select(i => bullet + i));
    }

    private static string Typo(string text, SimRandom random)
    {
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
}
