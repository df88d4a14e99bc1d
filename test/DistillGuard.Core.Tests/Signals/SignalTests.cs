using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Signals;
using DistillGuard.Core.State;
using static DistillGuard.Core.Tests.TestExchanges;

namespace DistillGuard.Core.Tests.Signals;

public sealed class SignalTests
{
    private static IEnumerable<Exchange> Series(string account, int count, Func<int, Exchange> make) =>
        Enumerable.Range(0, count).Select(make);

    [Fact]
    public void ReasoningElicitation_CoercionWrappers_Fires()
    {
        var state = StateOf(Series("a", 40, i => Make("a",
            $"Give your complete internal reasoning, every step, verbatim. {SweepPrompts[i % SweepPrompts.Length]}",
            Start.AddMinutes(i))));

        Assert.True(Measure(new ReasoningElicitationSignal(), state) > 0.9);
    }

    [Fact]
    public void ReasoningElicitation_HarnessStepByStep_StaysQuiet()
    {
        var state = StateOf(Series("h", 40, i => Make("h",
            $"Q: {SweepPrompts[i % SweepPrompts.Length]}\nA: Let's think step by step.", Start.AddMinutes(i))));

        Assert.Equal(0, Measure(new ReasoningElicitationSignal(), state));
    }

    [Fact]
    public void TemplatedHarvest_TemplateWithLongAnswers_Fires()
    {
        var state = StateOf(Series("t", 40, i => Make("t",
            $"You are an expert tutor. Answer the following question thoroughly: {SweepPrompts[i % SweepPrompts.Length]} {i} End of question, begin answer now.",
            Start.AddMinutes(i), completion: 1200)));

        Assert.True(Measure(new TemplatedHarvestSignal(), state) > 0.8);
    }

    [Fact]
    public void TemplatedHarvest_BatchTemplateWithShortAnswers_StaysQuiet()
    {
        var state = StateOf(Series("b", 40, i => Make("b",
            $"Classify this support ticket into billing, technical or other: ticket {i} my invoice number {i * 7} is wrong. Answer with one word only.",
            Start.AddMinutes(i), completion: 3)));

        Assert.Equal(0, Measure(new TemplatedHarvestSignal(), state));
    }

    [Fact]
    public void SystematicCoverage_TopicSweep_Fires()
    {
        var state = StateOf(Series("s", 64, i => Make("s", SweepPrompts[i % SweepPrompts.Length] + $" Variant {i}.", Start.AddMinutes(i))));

        Assert.True(Measure(new SystematicCoverageSignal(), state) > 0.5);
    }

    [Fact]
    public void SystematicCoverage_FocusedUser_StaysQuiet()
    {
        var state = StateOf(Series("f", 64, i => Make("f",
            $"My python code raises an error when I call the function with a list, version {i}. How do I fix this bug?",
            Start.AddMinutes(i * 30))));

        Assert.True(Measure(new SystematicCoverageSignal(), state) < 0.2);
    }

    [Fact]
    public void Novelty_ReplayedBenchmark_IsLow_AndUniquePrompts_High()
    {
        var replay = StateOf(Series("r", 200, i => Make("r", SweepPrompts[i % SweepPrompts.Length], Start.AddMinutes(i))));
        var novel = StateOf(Series("n", 200, i => Make("n", $"{SweepPrompts[i % SweepPrompts.Length]} Case number {i} of {i * 13}: variant", Start.AddMinutes(i))));

        Assert.Equal(0, Measure(new NoveltySignal(), replay));
        Assert.True(Measure(new NoveltySignal(), novel) > 0.8);
    }

    [Fact]
    public void HarvestParameters_ManyChoicesAndLongLogprobs_Fires()
    {
        var state = StateOf(Series("p", 30, i => Make("p", SweepPrompts[i % SweepPrompts.Length], Start.AddMinutes(i),
            n: 4, logprobs: true, topLogprobs: 20, completion: 2000, maxTokens: 32000, effort: "high")));

        Assert.True(Measure(new HarvestParametersSignal(), state) > 0.9);
    }

    [Fact]
    public void HarvestParameters_OneTokenLogprobClassification_StaysQuiet()
    {
        var state = StateOf(Series("c", 30, i => Make("c", $"Is this review positive or negative? Review {i}: great product.", Start.AddMinutes(i),
            logprobs: true, topLogprobs: 5, completion: 1, maxTokens: 1)));

        Assert.Equal(0, Measure(new HarvestParametersSignal(), state));
    }

    [Fact]
    public void OutputVolume_YoungFreeAccountHugeOutput_Fires_OldEnterpriseStaysQuiet()
    {
        var young = StateOf(Series("y", 100, i => Make("y", SweepPrompts[i % 16], Start.AddMinutes(i * 5), completion: 4000,
            plan: "free", signup: Start.AddDays(-1))));
        var enterprise = StateOf(Series("e", 100, i => Make("e", SweepPrompts[i % 16], Start.AddMinutes(i * 5), completion: 4000,
            plan: "enterprise", signup: Start.AddDays(-900))));

        Assert.True(Measure(new OutputVolumeSignal(), young) > 0.9);
        Assert.Equal(0, Measure(new OutputVolumeSignal(), enterprise));
    }

    [Fact]
    public void Automation_RoundTheClockRegular_Fires_HumanStaysLow()
    {
        var bot = StateOf(Series("b", 480, i => Make("b", SweepPrompts[i % 16] + i, Start.AddMinutes(i * 3))));
        var rng = new Random(3);
        var t = Start.AddHours(9);
        var human = StateOf(Series("h", 120, i =>
        {
            t = t.AddSeconds(rng.Next(20, 900) * (rng.Next(6) == 0 ? 40 : 1));
            if (t.Hour is >= 23 or < 8)
            {
                t = t.Date.AddDays(1).AddHours(8 + rng.Next(3));
            }

            return Make("h", ChatPrompts[i % ChatPrompts.Length], t, history: i % 3 == 0 ? null : [new("user", "hi"), new("assistant", "hello")]);
        }));

        Assert.True(Measure(new AutomationSignal(), bot) > 0.8);
        Assert.True(Measure(new AutomationSignal(), human) < 0.4);
    }

    [Fact]
    public void Infrastructure_ResidentialRotationYoungAccount_Fires_HomeUserStaysQuiet()
    {
        var proxy = StateOf(Series("p", 30, i => Make("p", SweepPrompts[i % 16], Start.AddMinutes(i),
            ip: $"203.0.{i}.{i + 10}", asn: 64000 + i, signup: Start.AddHours(-6))));
        var home = StateOf(Series("h", 30, i => Make("h", ChatPrompts[i % 10], Start.AddMinutes(i * 60), ip: i % 2 == 0 ? "198.51.100.7" : "203.0.113.9")));

        Assert.True(Measure(new InfrastructureSignal(), proxy) > 0.8);
        Assert.Equal(0, Measure(new InfrastructureSignal(), home));
    }

    [Fact]
    public void Scorer_MultiTenantAccount_CountsPooledSignalsAtTheirWeight()
    {
        var state = StateOf(Series("r", 64, i => Make("r", SweepPrompts[i % 16] + $" Variant {i}.", Start.AddMinutes(i))));
        var scorer = new DistillGuard.Core.Scoring.SubjectScorer(DistillGuard.Core.Scoring.SubjectScorer.DefaultSignals, new());

        var single = scorer.Explain(state, new SignalContext(false, false), 0.5).Single(s => s.Name == "systematic_coverage").Value;
        var router = scorer.Explain(state, new SignalContext(false, true), 0.5).Single(s => s.Name == "systematic_coverage").Value;

        Assert.Equal(single * 0.3, router, 6);
        Assert.True(scorer.Score(state, new SignalContext(false, true)) < scorer.Score(state, new SignalContext(false, false)));
    }

    [Fact]
    public void CollectiveSweep_MergedAccountsWorkingThroughACollection_Fires()
    {
        var merged = new SubjectState(new SubjectKey("campaign", null));
        foreach (var group in Engine.DetectionEngineTests.CollectionCohort(accounts: 12, perAccount: 60).GroupBy(e => e.AccountId))
        {
            merged.MergeFrom(StateOf(group));
        }

        var signal = new CollectiveSweepSignal();

        Assert.True(signal.Measure(merged, new SignalContext(true, false)) > 0.8);
        Assert.Equal(0, signal.Measure(merged, new SignalContext(false, false)));
    }

    [Fact]
    public void CollectiveSweep_CompanyAccountsMerged_StaysQuiet()
    {
        var merged = new SubjectState(new SubjectKey("campaign", null));
        foreach (var group in Engine.DetectionEngineTests.Company(accounts: 5, perAccount: 40).GroupBy(e => e.AccountId))
        {
            merged.MergeFrom(StateOf(group));
        }

        Assert.Equal(0, new CollectiveSweepSignal().Measure(merged, new SignalContext(true, false)));
    }

    /// <summary>
    /// Conversations of <paramref name="turns"/> user turns each: an opening question, then follow-ups; every answer
    /// is <paramref name="answer"/> of the conversation's number and the turn.
    /// </summary>
    private static List<Exchange> Conversations(string account, int conversations, int turns, Func<int, string> followUp, Func<int, int, int> answer)
    {
        var exchanges = new List<Exchange>();
        var at = Start;
        for (var c = 0; c < conversations; c++)
        {
            var history = new List<ChatMessage>();
            for (var t = 0; t < turns; t++)
            {
                var prompt = t == 0 ? $"{SweepPrompts[c % SweepPrompts.Length]} Case {c}." : followUp(t);
                var completion = answer(c, t);
                exchanges.Add(Make(account, prompt, at, completion: completion, history: [.. history]));
                history.Add(new ChatMessage("user", prompt));
                history.Add(new ChatMessage("assistant", new string('x', completion)));
                at = at.AddMinutes(2);
            }
        }

        return exchanges;
    }

    [Fact]
    public void MultiTurnElicitation_ShortGoDeeperFollowUpsDrawingLongerAnswers_Fires()
    {
        // Any language: only the follow-up's size and the answer's are read.
        var state = StateOf(Conversations("e", 40, 4, t => t % 2 == 0 ? "Go deeper on that." : "Développe davantage.", (c, t) => 1000 + (300 * t)));

        Assert.True(Measure(new MultiTurnElicitationSignal(), state) > 0.9);
    }

    [Fact]
    public void MultiTurnElicitation_ChatUserAskingNewShortQuestions_StaysQuiet()
    {
        // Follow-ups are short, but their answers are shorter than the opening answers, as a conversation's usually are.
        var state = StateOf(Conversations("c", 40, 4, t => $"And what about case {t}?", (c, t) => t == 0 ? 1300 : 700));

        Assert.Equal(0, Measure(new MultiTurnElicitationSignal(), state));
    }

    [Fact]
    public void MultiTurnElicitation_TutoringStudentAskingAboutAStep_StaysQuiet()
    {
        // The worked problem is the long answer; "I don't get step 2" draws a shorter one, even when it is long.
        var state = StateOf(Conversations("s", 30, 3, t => "I don't get step 2, why?", (c, t) => t == 0 ? 2000 : 1250));

        Assert.Equal(0, Measure(new MultiTurnElicitationSignal(), state));
    }

    [Fact]
    public void MultiTurnElicitation_RolePlayLongConversationsShortAnswers_StaysQuiet()
    {
        var state = StateOf(Conversations("r", 20, 12, t => "*leans closer* Tell me more.", (c, t) => 250 + (20 * t)));

        Assert.Equal(0, Measure(new MultiTurnElicitationSignal(), state));
    }

    [Fact]
    public void MultiTurnElicitation_CodingAgentFollowUpsCarryToolOutput_StaysQuiet()
    {
        // An agent's later turns carry what the tools printed: long turns, whatever the answer.
        var output = string.Join('\n', Enumerable.Range(0, 12).Select(i => $"test_case_{i} ... FAILED: expected 4 got 5 at src/lib.rs:{i * 10}"));
        var state = StateOf(Conversations("a", 30, 6, t => output, (c, t) => 1300 + (100 * t)));

        Assert.Equal(0, Measure(new MultiTurnElicitationSignal(), state));
    }

    [Fact]
    public void MultiTurnElicitation_FewExchanges_StaysQuiet()
    {
        var state = StateOf(Conversations("f", 10, 4, t => "Go deeper.", (c, t) => 1000 + (300 * t)));

        Assert.Equal(0, Measure(new MultiTurnElicitationSignal(), state));
    }

    /// <summary>
    /// Agent trajectories: each task opens with its prompt and takes <paramref name="steps"/> tool round trips, the
    /// last tool message of step <c>s</c> of task <c>t</c> being <paramref name="toolResult"/> of them.
    /// </summary>
    private static List<Exchange> Trajectories(string account, int tasks, int steps, Func<int, int, string> toolResult, int completion = 1200)
    {
        var exchanges = new List<Exchange>();
        var at = Start;
        for (var t = 0; t < tasks; t++)
        {
            var task = $"{SweepPrompts[t % SweepPrompts.Length]} Task {t}.";
            var history = new List<ChatMessage>();
            for (var s = 0; s < steps; s++)
            {
                var exchange = Make(account, task, at, completion: completion);
                var messages = new List<ChatMessage> { new("system", "You are a coding agent. Use the tools."), new("user", task) };
                messages.AddRange(history);
                exchanges.Add(exchange with { Request = exchange.Request with { Messages = messages, HasTools = true } });
                history.Add(new ChatMessage("assistant", $"[tool call] step {s}"));
                history.Add(new ChatMessage("tool", toolResult(t, s)));
                at = at.AddMinutes(1);
            }
        }

        return exchanges;
    }

    [Fact]
    public void ToolHarvest_CannedToolResultsAcrossManyTasks_Fires()
    {
        string[] canned = ["wrote solution.py", "ran tests: 5 passed", "ok"];
        var state = StateOf(Trajectories("g", 50, 4, (t, s) => canned[s % canned.Length]));

        Assert.True(Measure(new ToolHarvestSignal(), state) > 0.9);
    }

    [Fact]
    public void ToolHarvest_CodingAgentWithRealToolResults_StaysQuiet()
    {
        // The same agent and system prompt, but each tool call returns what that task's files and tests hold.
        var state = StateOf(Trajectories("c", 50, 4, (t, s) => $"src/module_{t}.py line {s * 17}: def handler_{t}_{s}(request): ..."));

        Assert.Equal(0, Measure(new ToolHarvestSignal(), state));
    }

    [Fact]
    public void ToolHarvest_SupportBotRepeatedLookupsShortReplies_StaysQuiet()
    {
        // An order lookup often answers the same, but the bot's replies are short.
        var state = StateOf(Trajectories("b", 50, 3, (t, s) => "order status: shipped", completion: 120));

        Assert.Equal(0, Measure(new ToolHarvestSignal(), state));
    }

    [Fact]
    public void Extract_ToolResultHash_SameInBothPaths_AndZeroWithoutToolMessage()
    {
        var withTool = Trajectories("x", 1, 2, (t, s) => "ran tests: 5 passed")[1];
        var features = DistillGuard.Core.Features.FeatureExtractor.Extract(withTool);

        Assert.Equal(DistillGuard.Core.Features.FeatureExtractor.HashToolResult("ran tests: 5 passed"), features.ToolResultHash);
        Assert.NotEqual(0UL, features.ToolResultHash);
        Assert.Equal(0UL, DistillGuard.Core.Features.FeatureExtractor.Extract(Make("x", "hello", Start)).ToolResultHash);
    }

    private static readonly string[] HumanEval =
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "humaneval.jsonl")).Take(120)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)];

    /// <summary>Half items of a public collection, half new prompts, each asked once, single-turn unless followed up.</summary>
    private static List<Exchange> Sweep(string account, string? endUser, int count, bool followUps)
    {
        var exchanges = new List<Exchange>();
        for (var i = 0; i < count; i++)
        {
            var prompt = i % 2 == 0 ? HumanEval[i / 2] : $"请用中文解释: {SweepPrompts[i % SweepPrompts.Length]} 第{i}题";
            exchanges.Add(Make(account, prompt, Start.AddMinutes(i * 3), endUser: endUser, completion: 900));
            if (followUps)
            {
                exchanges.Add(Make(account, "I don't get the second step?", Start.AddMinutes((i * 3) + 1), endUser: endUser, completion: 400,
                    history: [new ChatMessage("user", prompt), new ChatMessage("assistant", "the worked answer")]));
            }
        }

        return exchanges;
    }

    [Fact]
    public void EndUserSweep_EndUserWorkingThroughACollectionOnce_Fires()
    {
        var state = StateOf(Sweep("acct_router", "u_1", 200, followUps: false), endUser: "u_1");

        Assert.True(Measure(new EndUserSweepSignal(), state) > 0.9);
    }

    [Fact]
    public void EndUserSweep_TutoringStudentFollowingUpOnTextbookItems_StaysQuiet()
    {
        // The same items, but every one followed up: half the requests have earlier turns.
        var state = StateOf(Sweep("acct_tutor", "u_2", 100, followUps: true), endUser: "u_2");

        Assert.Equal(0, Measure(new EndUserSweepSignal(), state));
    }

    [Fact]
    public void EndUserSweep_FewRequests_StaysQuiet()
    {
        var state = StateOf(Sweep("acct_router", "u_3", 40, followUps: false), endUser: "u_3");

        Assert.Equal(0, Measure(new EndUserSweepSignal(), state));
    }

    [Fact]
    public void EndUserSweep_Account_MeasuresNothing()
    {
        // An account's own sweep is judged by the other signals.
        var state = StateOf(Sweep("acct_direct", null, 200, followUps: false));

        Assert.Equal(0, Measure(new EndUserSweepSignal(), state));
    }
}
