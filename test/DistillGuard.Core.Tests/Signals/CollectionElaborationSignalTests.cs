using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Signals;
using static DistillGuard.Core.Tests.TestExchanges;

namespace DistillGuard.Core.Tests.Signals;

/// <summary>
/// <see cref="CollectionElaborationSignal"/>: conversations opened on items of public collections and carried on with
/// short follow-ups that draw long answers fire; either half alone does not.
/// </summary>
public sealed class CollectionElaborationSignalTests
{
    private static readonly string[] HumanEval =
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "humaneval.jsonl")).Take(80)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)];

    /// <summary>
    /// 70 conversations of four turns: an opening (an item of the collection, or the user's own question) and three
    /// short follow-ups, whose answers are <paramref name="followUpTokens"/> long.
    /// </summary>
    private static List<Exchange> Conversations(string account, bool itemOpenings, int followUpTokens, string? endUser = null, bool sameFollowUps = false, int items = 70)
    {
        var exchanges = new List<Exchange>();
        for (var c = 0; c < 70; c++)
        {
            var opening = itemOpenings ? HumanEval[c % items] : $"{ChatPrompts[c % ChatPrompts.Length]} (my case {c})";
            var t = Start.AddMinutes(c * 90);
            exchanges.Add(Make(account, opening, t, endUser: endUser, completion: 1000));
            for (var f = 1; f <= 3; f++)
            {
                var history = new List<ChatMessage> { new("user", opening), new("assistant", "the answer") };
                exchanges.Add(Make(account, sameFollowUps ? $"Go one level deeper on part {f} of that." : $"Go one level deeper on part {f} of that, conversation {c}.", t.AddMinutes(f * 6), endUser: endUser,
                    completion: followUpTokens, history: history));
            }
        }

        return exchanges;
    }

    [Fact]
    public void CollectionElaboration_ItemOpeningsWithDepthFollowUps_Fires()
    {
        var state = StateOf(Conversations("acct_elaborate", itemOpenings: true, followUpTokens: 1800));
        Assert.True(Measure(new CollectionElaborationSignal(), state) > 0.9);
    }

    [Fact]
    public void CollectionElaboration_ItemOpeningsWithFollowUpsWordedAlike_Fires()
    {
        // The same three follow-ups in every conversation (as on a campaign's merged state, whose members word them
        // alike): three in four prompts repeat, but every item is asked once.
        var state = StateOf(Conversations("acct_elaborate", itemOpenings: true, followUpTokens: 1800, sameFollowUps: true));

        Assert.True(Measure(new CollectionElaborationSignal(), state) > 0.9);
    }

    [Fact]
    public void CollectionElaboration_ReplayingTenItemsWithFollowUpsWordedAlike_StaysQuiet()
    {
        var state = StateOf(Conversations("acct_replay", itemOpenings: true, followUpTokens: 1800, sameFollowUps: true, items: 10));

        Assert.Equal(0, Measure(new CollectionElaborationSignal(), state));
    }

    [Fact]
    public void CollectionElaboration_PowerUserDeepeningItsOwnQuestions_StaysQuiet()
    {
        var state = StateOf(Conversations("acct_power", itemOpenings: false, followUpTokens: 1800));

        Assert.Equal(0, Measure(new CollectionElaborationSignal(), state));
    }

    [Fact]
    public void CollectionElaboration_LearnerFollowingUpOnTextbookItemsWithShortAnswers_StaysQuiet()
    {
        var state = StateOf(Conversations("acct_learner", itemOpenings: true, followUpTokens: 400));

        Assert.Equal(0, Measure(new CollectionElaborationSignal(), state));
    }

    [Fact]
    public void CollectionElaboration_EndUserOrMultiTenantAccount_MeasuresNothing()
    {
        Assert.Equal(0, Measure(new CollectionElaborationSignal(), StateOf(Conversations("acct_app", true, 1800, "u_1"), endUser: "u_1")));
        Assert.Equal(0, Measure(new CollectionElaborationSignal(), StateOf(Conversations("acct_app", true, 1800)), multiTenant: true));
    }
}
