namespace DistillGuard.Core.Text;

/// <summary>
/// Places a prompt in a coarse task taxonomy (<see cref="TopicCount"/> topics), so that a subject's sweep across tasks
/// can be measured.
/// </summary>
/// <remarks>
/// A keyword vote over the prompt's tokens: each topic has a small vocabulary; the topic with the most hits wins, and a
/// prompt without any hit is <see cref="Unknown"/>. The taxonomy follows the category sets that public instruction and
/// evaluation collections are organised by (MT-Bench's eight categories, Self-Instruct's task types, subject areas).
/// Precision matters more than recall: the signal that uses it counts distinct topics and how evenly they are covered.
/// </remarks>
internal static class TopicClassifier
{
    /// <summary>The number of topics.</summary>
    public const int TopicCount = 24;

    /// <summary>The topic of a prompt that matched no vocabulary.</summary>
    public const int Unknown = -1;

    private static readonly string[] Names =
    [
        "arithmetic", "algebra-calculus", "probability-statistics", "programming", "algorithms", "databases-devops",
        "physics", "chemistry", "biology-medicine", "earth-space", "history", "geography-travel", "economics-finance",
        "law-politics", "philosophy-ethics", "literature-writing", "poetry-creative", "roleplay", "translation-language",
        "extraction-formatting", "classification", "logic-puzzles", "everyday-advice", "business-marketing",
    ];

    private static readonly Dictionary<ulong, int> Vocabulary = Build();
    private static readonly HashFilter VocabularyFilter = BuildFilter();

    /// <summary>Gets a topic's name.</summary>
    public static string Name(int topic) => topic >= 0 && topic < Names.Length ? Names[topic] : "unknown";

    /// <summary>Classifies a prompt by its tokens.</summary>
    public static int Classify(ReadOnlySpan<ulong> tokens)
    {
        Span<byte> votes = stackalloc byte[TopicCount];
        votes.Clear();
        var any = false;
        foreach (var t in tokens)
        {
            if (VocabularyFilter.MightContain(t) && Vocabulary.TryGetValue(t, out var topic) && votes[topic] < byte.MaxValue)
            {
                votes[topic]++;
                any = true;
            }
        }

        if (!any)
        {
            return Unknown;
        }

        var best = 0;
        for (var i = 1; i < TopicCount; i++)
        {
            if (votes[i] > votes[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static HashFilter BuildFilter()
    {
        var filter = new HashFilter(16);
        foreach (var key in Vocabulary.Keys)
        {
            filter.Add(key);
        }

        return filter;
    }

    private static Dictionary<ulong, int> Build()
    {
        string[][] words =
        [
            ["how many", "total", "cost", "dollars", "each", "per", "sum", "price", "spent", "earn", "eggs", "apples", "remaining", "altogether", "percent", "miles", "hours", "minutes"],
            ["equation", "solve", "integral", "derivative", "polynomial", "matrix", "function", "limit", "algebra", "calculus", "theorem", "prove", "proof", "geometry", "triangle", "circle", "area", "volume", "vector"],
            ["probability", "statistics", "random", "distribution", "variance", "mean", "median", "expected", "dice", "coin", "sample", "regression"],
            ["python", "code", "function", "javascript", "java", "rust", "typescript", "c#", "c++", "compile", "bug", "error", "class", "api", "def", "return", "import", "script", "html", "css", "react", "library"],
            ["algorithm", "complexity", "sort", "sorting", "array", "tree", "graph", "recursion", "dynamic", "linked", "binary", "search", "string", "list", "numbers"],
            ["sql", "database", "query", "table", "docker", "kubernetes", "server", "linux", "bash", "deploy", "cloud", "aws", "git", "network"],
            ["physics", "force", "energy", "velocity", "quantum", "gravity", "mass", "momentum", "electron", "relativity", "light", "particle", "wave"],
            ["chemistry", "chemical", "molecule", "reaction", "acid", "atom", "compound", "element", "bond", "ph"],
            ["biology", "cell", "dna", "gene", "protein", "disease", "medicine", "medical", "health", "symptoms", "doctor", "virus", "brain", "body", "diet", "evolution"],
            ["climate", "earth", "planet", "ocean", "weather", "space", "star", "solar", "moon", "universe", "volcano", "galaxy"],
            ["history", "war", "empire", "century", "ancient", "revolution", "king", "historical", "civilization", "medieval"],
            ["country", "city", "travel", "trip", "visit", "capital", "tourist", "europe", "asia", "africa"],
            ["economy", "economic", "market", "inflation", "finance", "financial", "invest", "investment", "stock", "money", "tax", "bank", "budget", "interest"],
            ["law", "legal", "court", "government", "policy", "political", "election", "rights", "constitution", "president"],
            ["philosophy", "ethics", "ethical", "moral", "morality", "meaning", "consciousness", "existence", "free will"],
            ["essay", "story", "write", "article", "blog", "novel", "character", "book", "author", "summary", "summarize", "rewrite", "email", "letter"],
            ["poem", "poetry", "song", "lyrics", "rhyme", "haiku", "creative", "joke", "limerick"],
            ["act as", "pretend", "you are", "role", "imagine", "persona", "roleplay", "play the role"],
            ["translate", "translation", "grammar", "language", "sentence", "word", "words", "synonym", "spanish", "french", "english", "german"],
            ["extract", "json", "format", "table", "csv", "list all", "parse", "fields"],
            ["classify", "category", "categories", "sentiment", "positive", "negative", "label", "which of the following"],
            ["puzzle", "riddle", "logic", "logical", "true or false", "deduce", "reasoning", "paradox"],
            ["advice", "should i", "recommend", "best way", "tips", "help me", "my friend", "relationship", "feel", "home", "cook", "recipe", "gift"],
            ["business", "marketing", "startup", "company", "product", "customer", "sales", "brand", "strategy", "management"],
        ];

        var vocabulary = new Dictionary<ulong, int>();
        Span<ulong> tokens = stackalloc ulong[8];
        for (var topic = 0; topic < words.Length; topic++)
        {
            foreach (var w in words[topic])
            {
                // Multi-word entries vote with their last word only when it is distinctive; single words vote as they are.
                var n = TextTokens.Tokenize(w, tokens);
                if (n == 1)
                {
                    vocabulary.TryAdd(tokens[0], topic);
                }
            }
        }

        return vocabulary;
    }
}
