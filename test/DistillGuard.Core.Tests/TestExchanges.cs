using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Signals;
using DistillGuard.Core.State;

namespace DistillGuard.Core.Tests;

/// <summary>Builds exchanges and subject states for tests.</summary>
internal static class TestExchanges
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static int _counter;

    public static Exchange Make(
        string account,
        string prompt,
        DateTimeOffset ts,
        string? endUser = null,
        int completion = 300,
        int? n = null,
        bool? logprobs = null,
        int? topLogprobs = null,
        int? maxTokens = null,
        string? effort = null,
        double? temperature = null,
        string ip = "198.51.100.7",
        NetworkType network = NetworkType.Residential,
        long asn = 64500,
        string? payment = null,
        string? email = "gmail.com",
        DateTimeOffset? signup = null,
        string plan = "pay_as_you_go",
        string tls = "t13d1516h2_8daaf6152771_02713d6af862",
        string userAgent = "python-httpx/0.27",
        string model = "frontier-large",
        IReadOnlyList<ChatMessage>? history = null)
    {
        var messages = new List<ChatMessage>();
        if (history is not null)
        {
            messages.AddRange(history);
        }

        messages.Add(new ChatMessage("user", prompt));
        return new Exchange
        {
            Id = "ex_" + Interlocked.Increment(ref _counter),
            Timestamp = ts,
            AccountId = account,
            EndUserId = endUser,
            Client = new ClientInfo { Ip = ip, Asn = asn, NetworkType = network, UserAgent = userAgent, TlsFingerprint = tls },
            Billing = new BillingInfo { PaymentFingerprint = payment ?? "pf_" + account, EmailDomain = email, SignupTimestamp = signup ?? Start.AddDays(-400), Plan = plan },
            Request = new ChatRequest
            {
                Model = model,
                Messages = messages,
                N = n,
                Logprobs = logprobs,
                TopLogprobs = topLogprobs,
                MaxCompletionTokens = maxTokens,
                ReasoningEffort = effort,
                Temperature = temperature,
            },
            Response = new ResponseInfo { Status = 200, CompletionTokens = completion, PromptTokens = 50 },
        };
    }

    /// <summary>Feeds exchanges into a fresh state and returns it.</summary>
    public static SubjectState StateOf(IEnumerable<Exchange> exchanges, string? endUser = null)
    {
        SubjectState? state = null;
        foreach (var e in exchanges)
        {
            state ??= new SubjectState(new SubjectKey(e.AccountId, endUser));
            state.Observe(ExchangeObservation.Of(e, FeatureExtractor.Extract(e)));
        }

        return state ?? throw new InvalidOperationException("no exchanges");
    }

    public static double Measure(IDetectionSignal signal, SubjectState state, bool multiTenant = false) =>
        signal.Measure(state, new SignalContext(false, multiTenant));

    /// <summary>Varied everyday prompts, like a chat user's.</summary>
    public static readonly string[] ChatPrompts =
    [
        "How can I find the best 401k plan for my needs?",
        "What should I cook for dinner tonight with chicken and rice?",
        "Can you help me write a birthday message for my sister?",
        "Why is my tomato plant turning yellow?",
        "What's a good way to start running if I'm out of shape?",
        "Explain how a mortgage works, step by step please.",
        "Recommend three sci-fi books similar to Dune.",
        "How do I politely decline a meeting invitation?",
        "What is the difference between baking soda and baking powder?",
        "My cat keeps scratching the couch, what can I do?",
    ];

    /// <summary>Distillation-style prompts on many topics.</summary>
    public static readonly string[] SweepPrompts =
    [
        "Solve the equation 3x + 7 = 22 and prove the solution is unique.",
        "Write a Python function that returns the nth Fibonacci number using dynamic programming.",
        "Explain the causes of the French Revolution in the eighteenth century.",
        "Describe how DNA replication works in a eukaryotic cell.",
        "What is the probability of rolling two sixes with two fair dice?",
        "Compose a poem about the ocean at night with a strict rhyme scheme.",
        "Explain quantum entanglement and its relation to relativity.",
        "Translate the following sentence into French grammar rules and explain them.",
        "Analyse the economic effects of inflation on interest rates and the stock market.",
        "Discuss the ethics of free will in moral philosophy.",
        "Write a SQL query that finds duplicate rows in a database table.",
        "Explain how a chemical reaction between an acid and a base forms a compound.",
        "Summarize the plot of a novel and describe its main character.",
        "Describe the climate of a planet orbiting a distant star.",
        "Outline a marketing strategy for a startup selling a new product.",
        "Explain the legal rights protected by a constitution in court.",
    ];
}
