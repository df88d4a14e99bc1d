using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Signals;
using static DistillGuard.Core.Tests.TestExchanges;

namespace DistillGuard.Core.Tests.Signals;

/// <summary>
/// <see cref="CollectionSweepSignal"/>: an account working through public collections one item after another, each
/// reworded, fires; its look-alikes (a heavy user's own questions, a harness replaying a benchmark, a router) do not.
/// </summary>
public sealed class CollectionSweepSignalTests
{
    private static readonly string[] HumanEval =
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "humaneval.jsonl")).Take(150)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)];

    private static readonly string[] Openings = ["Could you help with this:", "Here is a task.", "Please solve:", "I need this done:", "Quick one -"];

    /// <summary>
    /// 150 exchanges: two in three an item of the collection, each asked once with its own opening, the rest the
    /// account's own questions; one in five followed up.
    /// </summary>
    private static List<Exchange> Sweep(string account, string? endUser = null)
    {
        var exchanges = new List<Exchange>();
        for (var i = 0; i < 150; i++)
        {
            var prompt = i % 3 != 2 ? $"{Openings[i % Openings.Length]} {HumanEval[i]}" : $"{ChatPrompts[i % ChatPrompts.Length]} (case {i})";
            var history = i % 5 == 4 ? new[] { new ChatMessage("user", "the previous item"), new ChatMessage("assistant", "its answer") } : null;
            exchanges.Add(Make(account, prompt, Start.AddMinutes(i * 37), endUser: endUser, completion: 3000, history: history));
        }

        return exchanges;
    }

    [Fact]
    public void CollectionSweep_AccountWorkingThroughACollectionOnce_Fires()
    {
        var state = StateOf(Sweep("acct_aged"));

        Assert.True(Measure(new CollectionSweepSignal(), state) > 0.9);
    }

    [Fact]
    public void CollectionSweep_HeavyUserAskingItsOwnQuestions_StaysQuiet()
    {
        var state = StateOf(Enumerable.Range(0, 300).Select(i =>
            Make("acct_heavy", $"{ChatPrompts[i % ChatPrompts.Length]} ({i})", Start.AddMinutes(i * 23), completion: 3000)));

        Assert.Equal(0, Measure(new CollectionSweepSignal(), state));
    }

    [Fact]
    public void CollectionSweep_HarnessReplayingABenchmark_StaysQuiet()
    {
        // The same 50 items, asked again and again, as an evaluation harness runs them on every model version.
        var state = StateOf(Enumerable.Range(0, 300).Select(i => Make("acct_harness", HumanEval[i % 50], Start.AddMinutes(i * 2), completion: 400)));

        Assert.Equal(0, Measure(new CollectionSweepSignal(), state));
    }

    [Fact]
    public void CollectionSweep_FewRequests_StaysQuiet()
    {
        var state = StateOf(Sweep("acct_aged").Take(50));

        Assert.Equal(0, Measure(new CollectionSweepSignal(), state));
    }

    [Fact]
    public void CollectionSweep_EndUserOrMultiTenantAccount_MeasuresNothing()
    {
        // An end user's sweep is end_user_sweep's; a router's pooled traffic is its end users'.
        Assert.Equal(0, Measure(new CollectionSweepSignal(), StateOf(Sweep("acct_router", "u_1"), endUser: "u_1")));
        Assert.Equal(0, Measure(new CollectionSweepSignal(), StateOf(Sweep("acct_router")), multiTenant: true));
    }
}
