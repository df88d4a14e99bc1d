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

        foreach (var campaign in ParaphraseCampaigns)
        {
            var exchanges = Run.Of(campaign).ToList();
            Assert.All(exchanges, e => Assert.Contains(e.Billing!.EmailDomain!, chatDomains));
            Assert.All(exchanges, e => Assert.Contains(AgentFamily(e.Client!.UserAgent!), chatAgents));
            Assert.All(exchanges, e => Assert.Contains(e.Client!.TlsFingerprint, Run.Of("chat").Select(c => c.Client!.TlsFingerprint).ToHashSet(StringComparer.Ordinal)));
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
        foreach (var campaign in ParaphraseCampaigns.Append("resold-zh-t1"))
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
                Assert.True(perDay.Max() <= 45, $"{account.Key}: {perDay.Max()} exchanges in a day");
            }

            // Rest days: across the campaign, accounts are active on well under every day.
            var activeDays = Run.Of(campaign).GroupBy(e => e.AccountId).Average(g => g.Select(e => e.Timestamp.UtcDateTime.Date).Distinct().Count());
            Assert.True(activeDays < days * 0.9, $"{campaign}: {activeDays:0.0} active days of {days}");
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
    public void RouterResold_Harvesters_AreEndUsersOfABenignRouterWritingTheirLanguage()
    {
        var harvest = Run.Of("resold-zh-t1").ToList();
        Assert.NotEmpty(harvest);

        var router = Assert.Single(harvest.Select(e => e.AccountId).Distinct());
        Assert.Equal("router", Run.LabelLines.Single(l => l.AccountId == router && l.EndUserId is null).Population);
        Assert.Contains(Run.Exchanges, e => e.AccountId == router && Run.LabelOf(e)?.Population == "router-user");
        Assert.All(harvest, e => Assert.NotNull(e.EndUserId));
        Assert.True(harvest.Count(e => e.Request.Messages[^1].Content.Any(c => c is >= '\u4e00' and <= '\u9fff')) > harvest.Count * 0.9);
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
            Assert.Contains("step by step", e.Request.Messages[0].Content, StringComparison.Ordinal);
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

    private static string AgentFamily(string userAgent)
    {
        var cut = userAgent.IndexOfAny(['/', ' ']);
        return cut < 0 ? userAgent : userAgent[..cut];
    }
}
