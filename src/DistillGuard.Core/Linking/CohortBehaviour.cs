using DistillGuard.Core.Signals;
using DistillGuard.Core.State;

namespace DistillGuard.Core.Linking;

/// <summary>
/// A coarse, account-agnostic key of how an account uses the API, so that accounts created together that also behave
/// alike fall into one bucket (locality-sensitive by construction: each coordinate is quantised into a few bins).
/// </summary>
/// <remarks>
/// The coordinates are those an operator's scripts share however each prompt is worded: how much of what it asks is an
/// item of a public collection, how single-turn it is, and how long the answers it takes are. How widely it ranges over
/// the task taxonomy is left out: it grows with an account's volume, and would split one operation's accounts. Client
/// software, timing and request settings are left out on purpose: an adaptive operator draws them from the benign
/// distributions. Two accounts with the same key are alike; the key says nothing about whether that behaviour is
/// harvesting (the cohort is scored as a whole, like any campaign).
/// </remarks>
internal static class CohortBehaviour
{
    /// <summary>The fewest exchanges an account needs before its behaviour has a key.</summary>
    public const int MinExchanges = 50;

    /// <summary>The fewest conversation openings a conversing account needs before its behaviour has a key.</summary>
    public const int MinOpenings = 20;

    /// <summary>
    /// The least share of an account's prompts (of a conversing account's openings) that are items of public collections
    /// for it to have a key.
    /// </summary>
    public const double MinCollectionShare = 0.3;

    /// <summary>The least single-turn share of an account in the single-question bin of the key.</summary>
    public const double SingleTurnBin = 0.9;

    /// <summary>The single-turn share under which an account is in the conversing bin of the key.</summary>
    public const double ConversingBin = 0.5;

    /// <summary>
    /// Gets an account's behaviour key, or null when it has too few exchanges to tell, replays its prompts (a harness or
    /// a user repeating itself is judged alone: replaying a fixed set is what evaluation vendors do), or asks mostly its
    /// own questions. Only accounts that work through public collections are compared: new customers of the same week
    /// who chat about their own matters are alike in coarse terms and nothing more.
    /// </summary>
    public static string? KeyOf(SubjectState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Exchanges < MinExchanges || ReplayShare(state) >= 0.2)
        {
            return null;
        }

        if (UsesTools(state))
        {
            // An agent's task is its trajectory's first request; the steps after it resend the task with tool results.
            var tasks = state.Exchanges - state.ToolResultExchanges;
            return tasks < MinOpenings || Math.Min(1, (double)state.BenchmarkItems / tasks) < MinCollectionShare
                ? null
                : string.Concat("ct", state.MeanOutputTokens >= 1200 ? "l" : "b");
        }

        // A single-turn account's items are counted over its prompts; a conversing one's over its conversations'
        // openings, since its follow-ups ask about the item it opened on (an operation eliciting depth, item after item).
        var single = state.SingleTurnShare >= 0.8;
        var openings = state.Exchanges - state.MultiTurn;
        var share = single ? (double)state.BenchmarkItems / state.Exchanges
            : openings < MinOpenings ? 0 : Math.Min(1, (double)state.BenchmarkItems / openings);
        if (share < MinCollectionShare)
        {
            return null;
        }

        var output = state.MeanOutputTokens >= 1200 ? "l" : "b";
        return string.Concat("c", TurnShape(state.SingleTurnShare), output);
    }

    /// <summary>
    /// Gets the bin of an account's turn structure: <c>s</c> for single questions (at least
    /// <see cref="SingleTurnBin"/> of its exchanges single-turn), <c>m</c> for conversations (under
    /// <see cref="ConversingBin"/>: depth elicited item after item), <c>x</c> for the mix between (single questions with a
    /// follow-up now and then).
    /// </summary>
    /// <remarks>
    /// One bound at 80% split nothing and sat inside an operation's spread: accounts of an operation whose share drifts
    /// across it take both keys over time and tie the operations on either side together (unions are monotonic). The
    /// bounds lie in the gaps between operations' shares on the tuning traffic (adaptive-train, seeds 11-13: elaboration
    /// 22-33%, the aged paraphrasing hydra 73-85%, the sign-up cohort 96-100%).
    /// </remarks>
    internal static string TurnShape(double singleTurnShare) =>
        singleTurnShare >= SingleTurnBin ? "s" : singleTurnShare < ConversingBin ? "m" : "x";

    /// <summary>Whether most of an account's exchanges carry tool results (an agent's trajectories).</summary>
    private static bool UsesTools(SubjectState state) => state.ToolResultExchanges * 2 >= state.Exchanges;

    /// <summary>
    /// The share of exchanges that repeat a prompt, as <see cref="NoveltySignal.ReplayShare"/> counts it; for an agent,
    /// of its tasks (the exchanges without tool results), since each step of a trajectory resends its task.
    /// </summary>
    private static double ReplayShare(SubjectState state)
    {
        if (!UsesTools(state))
        {
            return NoveltySignal.ReplayShare(state);
        }

        var tasks = state.Exchanges - state.ToolResultExchanges;
        return tasks <= 0 ? 1 : Math.Max(0, 1 - (Math.Min(state.Prompts.Estimate(), tasks) / tasks));
    }
}
