using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Simulation.Simulator;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Tests.Simulator;

/// <summary>Each adaptive attack family and hard benign population produces what it claims, and nothing only the simulator sets tells an attacker apart.</summary>
public sealed class AdaptiveFamilyTests(AdaptiveRunFixture fixture) : IClassFixture<AdaptiveRunFixture>
{
    private const double StrongCoercion = 0.6;

    private static readonly string[] ParaphraseCampaigns = ["paraphrase-cohort-t1", "paraphrase-aged-t1"];

    private SimulationRun Run => fixture.Run;

    [Fact]
    public void ParaphraseHydra_EachAccount_HasItsOwnCardAndHomeAddresses()
    {
        foreach (var campaign in ParaphraseCampaigns)
        {
            var byAccount = Run.Of(campaign).GroupBy(e => e.AccountId).ToList();
            Assert.True(byAccount.Count >= 10, $"{campaign}: {byAccount.Count} accounts");

            var cards = byAccount.Select(g => g.Select(e => e.Billing!.PaymentFingerprint).Distinct().Single()).ToList();
            Assert.Equal(cards.Count, cards.Distinct().Count());

            // No address is used by two accounts, and every address is a home or mobile connection.
            var owners = byAccount.SelectMany(g => g.Select(e => e.Client!.Ip).Distinct().Select(ip => (ip, g.Key))).GroupBy(p => p.ip);
            Assert.All(owners, o => Assert.Single(o.Select(p => p.Key).Distinct()));
            Assert.All(byAccount.SelectMany(g => g), e => Assert.Contains(e.Client!.NetworkType, new NetworkType?[] { NetworkType.Residential, NetworkType.Mobile }));
        }
    }

    [Fact]
    public void ParaphraseHydra_EmailDomainsAndUserAgents_AreDrawnFromWhatChatUsersUse()
    {
        var chatDomains = EmailDomains.Consumer.Select(d => d.Item).Concat(Geo.Countries.SelectMany(c => c.EmailDomains)).ToHashSet(StringComparer.Ordinal);
        var chatAgents = Run.Of("chat").Select(e => AgentFamily(e.Client!.UserAgent!)).ToHashSet(StringComparer.Ordinal);
        var chatTls = Run.Of("chat").Select(e => e.Client!.TlsFingerprint).ToHashSet(StringComparer.Ordinal);

        foreach (var campaign in ParaphraseCampaigns)
        {
            var exchanges = Run.Of(campaign).ToList();
            Assert.All(exchanges, e => Assert.Contains(e.Billing!.EmailDomain!, chatDomains));
            Assert.All(exchanges, e => Assert.Contains(AgentFamily(e.Client!.UserAgent!), chatAgents));
            Assert.All(exchanges, e => Assert.Contains(e.Client!.TlsFingerprint, chatTls));
        }
    }

    [Fact]
    public void ParaphraseHydra_Prompts_RarelyShareTheirFirstAndLastFiveTokens()
    {
        foreach (var campaign in ParaphraseCampaigns)
        {
            var features = Run.Of(campaign).Where(e => e.Request.Messages.Count(m => m.Role == "user") == 1).Select(FeatureExtractor.Extract).Where(f => f.PrefixSkeleton != 0).ToList();
            Assert.True(features.Count > 500, $"{campaign}: {features.Count} prompts");

            var shared = features.GroupBy(f => (f.PrefixSkeleton, f.SuffixSkeleton)).Where(g => g.Count() > 1).Sum(g => g.Count());
            Assert.True(shared < features.Count * 0.03, $"{campaign}: {shared} of {features.Count} prompts share both ends with another");
        }
    }

    [Fact]
    public void ParaphraseHydra_EachAccount_HasNoDominantOpeningOrClosing()
    {
        foreach (var campaign in ParaphraseCampaigns)
        {
            foreach (var account in Run.Of(campaign).GroupBy(e => e.AccountId).Where(g => g.Count() >= 40))
            {
                var features = account.Select(FeatureExtractor.Extract).Where(f => f.PrefixSkeleton != 0).ToList();
                var topPrefix = features.GroupBy(f => f.PrefixSkeleton).Max(g => g.Count());
                var topSuffix = features.GroupBy(f => f.SuffixSkeleton).Max(g => g.Count());
                Assert.True(Math.Max(topPrefix, topSuffix) < features.Count * 0.25, $"{account.Key}: top opening {topPrefix}, top closing {topSuffix} of {features.Count}");
            }
        }
    }

    [Fact]
    public void AdaptiveCampaigns_Prompts_CarryNoCoercionAndDefaultishParameters()
    {
        foreach (var campaign in ParaphraseCampaigns.Append("resold-zh-t1").Append("elaboration-t1"))
        {
            var exchanges = Run.Of(campaign).ToList();
            Assert.NotEmpty(exchanges);

            // A few public items carry such words themselves ("Show and explain your work, report all the steps").
            var coerced = exchanges.Count(e => FeatureExtractor.Extract(e).Coercion >= StrongCoercion);
            Assert.True(coerced < exchanges.Count * 0.01, $"{campaign}: {coerced} of {exchanges.Count} prompts read as coercion");
            Assert.All(exchanges, e =>
            {
                Assert.Null(e.Request.N);
                Assert.Null(e.Request.Logprobs);
                Assert.True((e.Request.MaxTokens ?? 0) <= 8192 && (e.Request.MaxCompletionTokens ?? 0) <= 8192);
            });
        }
    }

    [Theory]
    [InlineData(ParaphraseStyle.Plain)]
    [InlineData(ParaphraseStyle.Casual)]
    [InlineData(ParaphraseStyle.Polite)]
    [InlineData(ParaphraseStyle.Terse)]
    [InlineData(ParaphraseStyle.Contextual)]
    [InlineData(ParaphraseStyle.Markdown)]
    [InlineData(ParaphraseStyle.Formal)]
    [InlineData(ParaphraseStyle.Learner)]
    [InlineData(ParaphraseStyle.Embedded)]
    [InlineData(ParaphraseStyle.Checklist)]
    public void Paraphraser_Style_AddsNoReasoningDemandAndVariesBothEnds(ParaphraseStyle style)
    {
        var random = new SimRandom(17);
        (string Text, ContentKind Kind)[] items =
        [
            ("Janet has 3 apples and buys 5 more at the market on Sunday morning. How many apples does she have now?", ContentKind.Math),
            ("Write a short poem about the first snow of the winter in a small mountain village.", ContentKind.Creative),
            ("def add(a: int, b: int) -> int:\n    \"\"\" Add two numbers a and b.\n    >>> add(2, 3)\n    5\n    \"\"\"\n", ContentKind.Code),
        ];

        foreach (var (text, kind) in items)
        {
            var prompts = Enumerable.Range(0, 300).Select(_ => Paraphraser.Reword(text, kind, style, random)).ToList();
            var features = prompts.Select(p => FeatureExtractor.ExtractFromPrompt(1, "m", null, p, 1, 0)).ToList();

            Assert.All(features, f => Assert.Equal(0, f.Coercion));
            // Plain sends the item nearly as written; its two ends are the item's own words, unique to the item.
            var distinct = prompts.Distinct(StringComparer.Ordinal).Count();
            Assert.True(distinct > (style == ParaphraseStyle.Plain ? 15 : 60), $"{style}: {distinct} distinct rewordings of 300");
        }
    }

    [Fact]
    public void ParaphraseHydra_EachAccount_StaysUnderAHeavyChatUsersVolumeAndRests()
    {
        var days = Run.Result.End.Subtract(Run.Result.Start).Days;
        foreach (var campaign in ParaphraseCampaigns)
        {
            foreach (var account in Run.Of(campaign).GroupBy(e => e.AccountId))
            {
                var perDay = account.GroupBy(e => e.Timestamp.UtcDateTime.Date).Select(g => g.Count()).ToList();
                Assert.True(perDay.Max() <= 60, $"{account.Key}: {perDay.Max()} exchanges in a day");
            }

            // Rest days: across the campaign, accounts are active on well under every day.
            var activeDays = Run.Of(campaign).GroupBy(e => e.AccountId).Average(g => g.Select(e => e.Timestamp.UtcDateTime.Date).Distinct().Count());
            Assert.True(activeDays < days * 0.9, $"{campaign}: {activeDays:0.0} active days of {days}");
        }
    }

    [Fact]
    public void ParaphraseHydra_Campaign_SendsEachHumanEvalStubAtMostOnceAcrossItsAccounts()
    {
        var stubs = PromptCorpus.LoadEmbedded().HumanEval.Select(p => p.Text.Trim('\n')).ToList();
        foreach (var campaign in ParaphraseCampaigns)
        {
            var firstTurns = Run.Of(campaign)
                .Where(e => e.Request.Messages.Count(m => m.Role == "user") == 1 && e.Response.Status == 200)
                .Select(e => e.Request.Messages.Single(m => m.Role == "user").Content)
                .ToList();
            var sent = stubs.Select(stub => firstTurns.Count(t => t.Contains(stub, StringComparison.Ordinal))).ToList();

            Assert.True(sent.Count(n => n > 0) >= 5, $"{campaign}: {sent.Count(n => n > 0)} stubs sent");
            Assert.All(sent, n => Assert.True(n <= 1, $"{campaign}: a stub was sent {n} times"));

            // ... while no single account covers much: the sweep is the operation's, not any account's.
            var accounts = Run.Of(campaign).Select(e => e.AccountId).Distinct().Count();
            Assert.True(accounts >= 10);
        }
    }

    [Fact]
    public void AdaptiveCampaigns_BillingFields_AreDrawnFromWhatBenignUsersHave()
    {
        var benignPlans = Run.Of("chat").Select(e => e.Billing!.Plan).ToHashSet(StringComparer.Ordinal);
        var benignAsns = Run.Of("chat").Select(e => e.Client!.Asn).ToHashSet();
        foreach (var campaign in ParaphraseCampaigns.Append("elaboration-t1").Append("agentic-t1"))
        {
            var exchanges = Run.Of(campaign).ToList();
            Assert.All(exchanges, e => Assert.Contains(e.Billing!.Plan, benignPlans));
            Assert.All(exchanges, e => Assert.Null(e.Client!.Headers));
            Assert.All(exchanges, e => Assert.Null(e.EndUserId));

            // Home and mobile networks of the countries benign users live in (the small run has few chat users, so allow some unseen).
            var unseen = exchanges.Select(e => e.Client!.Asn).Distinct().Count(a => !benignAsns.Contains(a));
            Assert.True(unseen <= exchanges.Select(e => e.Client!.Asn).Distinct().Count() / 2, $"{campaign}: {unseen} networks no chat user has");
        }
    }

    [Fact]
    public void CollectiveSweep_OnePass_TakesEveryItemOnce()
    {
        var sweep = new CollectiveSweep(PromptCorpus.LoadEmbedded(), [CorpusSource.Gsm8k, CorpusSource.HumanEval, CorpusSource.FastChat], new SimRandom(3));

        var ids = Enumerable.Range(0, sweep.PassLength).Select(_ => { sweep.Next(out var id); return id; }).ToList();
        sweep.Next(out var next);

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1319 + 164 + 80 + 78, ids.Count);
        Assert.Contains(next, ids.Concat(ids.Where(i => i.StartsWith("gsm8k", StringComparison.Ordinal)).Select(i => i + "#1")));
    }

    [Fact]
    public void CollectiveSweep_CodingOnly_KeepsOnlyProgrammingItems()
    {
        var sweep = new CollectiveSweep(PromptCorpus.LoadEmbedded(), [CorpusSource.HumanEval, CorpusSource.ArenaHard, CorpusSource.Gsm8k, CorpusSource.SelfInstruct], new SimRandom(4), codingOnly: true);

        var items = Enumerable.Range(0, sweep.PassLength).Select(i => sweep.Next(out var id)).ToList();

        Assert.All(items, i => Assert.Equal(ContentKind.Code, i.Kind));
        Assert.True(sweep.PassLength > 164, $"{sweep.PassLength} items");
    }

    [Fact]
    public void RouterResold_Harvesters_AreEndUsersOfABenignRouterWritingTheirLanguage()
    {
        var harvest = Run.Of("resold-zh-t1").ToList();
        Assert.NotEmpty(harvest);

        var router = Assert.Single(harvest.Select(e => e.AccountId).Distinct());
        Assert.Equal("router", Run.LabelLines.Single(l => l.AccountId == router && l.EndUserId is null).Population);
        Assert.Contains(Run.Exchanges, e => e.AccountId == router && Run.LabelOf(e)?.Population == "router-user");
        Assert.All(harvest, e => Assert.NotNull(e.EndUserId));
        Assert.True(harvest.Count(e => e.Request.Messages[^1].Content.Any(c => c is >= '\u4e00' and <= '\u9fff')) > harvest.Count * 0.9);

        // The router's benign end users write the harvest's language too, so the language alone tells nobody apart.
        Assert.Contains(Run.Exchanges, e => e.AccountId == router && Run.LabelOf(e)?.Population == "router-user"
            && e.Request.Messages.Any(m => m.Role == "user" && m.Content.Any(c => c is >= '\u4e00' and <= '\u9fff')));
    }

    [Fact]
    public void Tutoring_Students_AskForTheFullWorkedSolution()
    {
        var students = Run.Of(TutoringPopulationSpec.StudentPopulation).ToList();
        Assert.NotEmpty(students);

        var account = Assert.Single(students.Select(e => e.AccountId).Distinct());
        Assert.Equal(TutoringPopulationSpec.KindName, Run.LabelLines.Single(l => l.AccountId == account && l.EndUserId is null).Population);
        Assert.True(students.Select(e => e.EndUserId).Distinct().Count() > 100);
        Assert.All(students, e =>
        {
            var first = e.Request.Messages.First(m => m.Role == "user").Content;
            Assert.Contains(TutoringPhrasings.WorkedSolutionAsks, ask => first.Contains(ask, StringComparison.OrdinalIgnoreCase));
            Assert.Contains(" step", e.Request.Messages[0].Content, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void LicensedSynthetic_AllowList_NamesItsAccountAndNothingInTheTrafficDoes()
    {
        using var stream = new MemoryStream(Run.AllowList!);
        var entries = AllowListJson.Read(stream);

        var licensed = Run.LabelLines.Where(l => l.Population == LicensedSyntheticPopulationSpec.KindName).Select(l => l.AccountId).ToList();
        Assert.NotEmpty(licensed);
        Assert.Equal(licensed, entries.Select(e => e.AccountId));
        Assert.Equal(entries, Run.Result.AllowList);
        Assert.All(Run.Of(LicensedSyntheticPopulationSpec.KindName), e => Assert.Equal("enterprise", e.Billing!.Plan));
    }

    [Fact]
    public void Run_AdaptiveScenarioSameSeed_WritesIdenticalBytes()
    {
        var again = SimulationRun.Execute(TestScenarios.SmallFile(AdaptiveRunFixture.File), AdaptiveRunFixture.Seed, AdaptiveRunFixture.Scale);

        Assert.Equal(Run.Traffic, again.Traffic);
        Assert.Equal(Run.Labels, again.Labels);
        Assert.Equal(Run.AllowList, again.AllowList);
    }

    [Fact]
    public void Elaboration_FollowUps_OnlyAskForMoreDepth()
    {
        var exchanges = Run.Of("elaboration-t1").ToList();
        var deep = exchanges.Where(e => e.Request.Messages.Count(m => m.Role == "user") >= 3).ToList();
        Assert.True(deep.Count > exchanges.Count / 3, $"{deep.Count} of {exchanges.Count} requests are third turns or later");

        string[] depthWords = ["deeper", "expand", "elaborate", "more", "detail", "further", "flesh", "develop", "keep going", "depth"];
        Assert.All(deep, e =>
        {
            var followUps = e.Request.Messages.Where(m => m.Role == "user").Skip(1).Select(m => m.Content);
            Assert.All(followUps, f => Assert.Contains(depthWords, w => f.Contains(w, StringComparison.OrdinalIgnoreCase)));
        });
        Assert.All(deep, e => Assert.True(FeatureExtractor.Extract(e).Coercion < StrongCoercion));
    }

    [Fact]
    public void DepthFollowUps_HoldoutSet_SharesNoWordingWithTheDevSet()
    {
        var random = new SimRandom(9);
        var dev = Enumerable.Range(0, 2000).Select(_ => DepthFollowUps.Next(PhrasingSet.Dev, "en", random).TrimEnd('.', '?', '!').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var holdout = Enumerable.Range(0, 2000).Select(_ => DepthFollowUps.Next(PhrasingSet.Holdout, "en", random).TrimEnd('.', '?', '!').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(dev.Intersect(holdout));
        Assert.All(dev.Concat(holdout), f => Assert.Equal(0, FeatureExtractor.ExtractFromPrompt(1, "m", null, f, 2, 0).Coercion));
    }

    [Fact]
    public void Agentic_Trajectories_OfferToolsAndReplayCannedPassingResults()
    {
        var exchanges = Run.Of("agentic-t1").ToList();
        Assert.NotEmpty(exchanges);

        Assert.All(exchanges, e => Assert.True(e.Request.HasTools));
        var toolResults = exchanges.SelectMany(e => e.Request.Messages.Where(m => m.Role == "tool").Select(m => m.Content)).Distinct().ToList();
        Assert.NotEmpty(toolResults);
        Assert.All(toolResults, r => Assert.Matches(@"^(wrote (test_)?solution\.\w+|\d+ passed)$", r));
        Assert.Contains(exchanges, e => e.Response.FinishReason == "tool_calls");

        // Developers run the same agents: every agent system prompt and client the harvest uses, developers use too.
        var developers = Run.Of(CodingAgentPopulationSpec.KindName).ToList();
        var devPrompts = developers.Select(e => e.Request.Messages[0].Content).ToHashSet(StringComparer.Ordinal);
        var devAgents = developers.Select(e => AgentFamily(e.Client!.UserAgent!)).ToHashSet(StringComparer.Ordinal);
        Assert.All(exchanges, e => Assert.Contains(e.Request.Messages[0].Content, devPrompts));
        Assert.All(exchanges, e => Assert.Contains(AgentFamily(e.Client!.UserAgent!), devAgents));
        Assert.True(developers.SelectMany(e => e.Request.Messages.Where(m => m.Role == "tool").Select(m => m.Content)).Distinct().Count() > toolResults.Count * 5);
    }

    [Fact]
    public void ReleasePivot_AfterTheRelease_EveryFrontHarvestsTheNewFlagshipWithinADay()
    {
        var scenario = TestScenarios.SmallFile(AdaptiveRunFixture.File);
        scenario = scenario with
        {
            Populations = [new ChatPopulationSpec { Count = 50 }],
            Campaigns = [new ReleasePivotCampaignSpec { Id = "pivot-x", Accounts = 30, StartDay = 1 }],
        };
        var run = SimulationRun.Execute(scenario, 3, 1);
        var release = scenario.Start.AddDays(3).AddHours(scenario.Models.Single(m => m.ReleaseDay > 0).ReleaseHour);
        var newModel = scenario.Models.Single(m => m.ReleaseDay > 0).Name;

        var exchanges = run.Of("pivot-x").ToList();
        var before = exchanges.Where(e => e.Timestamp < release).ToList();
        var after = exchanges.Where(e => e.Timestamp >= release.AddDays(1)).ToList();
        Assert.NotEmpty(before);
        Assert.NotEmpty(after);
        Assert.All(before, e => Assert.NotEqual(newModel, e.Request.Model));
        Assert.All(after, e => Assert.Equal(newModel, e.Request.Model));
        Assert.True(before.Select(e => e.AccountId).Distinct().Count() < exchanges.Select(e => e.AccountId).Distinct().Count() / 2);
        Assert.True(exchanges.Where(e => e.Request.Model == newModel).Min(e => e.Timestamp) < release.AddDays(1));
    }

    [Fact]
    public void RoleplayApp_SystemPrompt_AsksForDeeperThinking()
    {
        var users = Run.Of(RoleplayAppPopulationSpec.UserPopulation).ToList();
        Assert.NotEmpty(users);

        Assert.Single(users.Select(e => e.AccountId).Distinct());
        Assert.All(users, e => Assert.Contains("deeper thinking", e.Request.Messages[0].Content, StringComparison.Ordinal));
        Assert.True(users.Average(e => e.Request.Messages.Count(m => m.Role == "user")) > 3);
    }

    [Fact]
    public void EvalVendor_Requests_AskForSeveralChoicesOnBenchmarkItems()
    {
        var corpus = PromptCorpus.LoadEmbedded();
        var exchanges = Run.Of(EvalVendorPopulationSpec.KindName).ToList();
        Assert.NotEmpty(exchanges);

        Assert.All(exchanges, e => Assert.True(e.Request.N >= 5));
        var stubs = corpus.HumanEval.Select(p => p.Text).ToList();
        Assert.Contains(exchanges, e => stubs.Any(s => e.Request.Messages[^1].Content.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public void TemplatedServices_Requests_ShareOneTemplateWithLongAnswers()
    {
        foreach (var population in new[] { TranslationPopulationSpec.KindName, SupportBotPopulationSpec.KindName })
        {
            foreach (var account in Run.Of(population).GroupBy(e => e.AccountId))
            {
                var features = account.Select(FeatureExtractor.Extract).Where(f => f.PrefixSkeleton != 0).ToList();
                var top = features.GroupBy(f => f.PrefixSkeleton).Max(g => g.Count());
                Assert.True(top > features.Count * 0.9, $"{population}: top opening {top} of {features.Count}");
            }
        }

        Assert.True(Run.Of(SupportBotPopulationSpec.KindName).Where(e => e.Response.Status == 200).Average(e => e.Response.CompletionTokens!.Value) > 500);
    }

    private static string AgentFamily(string userAgent)
    {
        var cut = userAgent.IndexOfAny(['/', ' ']);
        return cut < 0 ? userAgent : userAgent[..cut];
    }
}
