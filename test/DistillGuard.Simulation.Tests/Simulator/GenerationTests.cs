using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Tests.Simulator;

public sealed class GenerationTests
{
    [Fact]
    public void SimRandom_SameSeed_YieldsTheSameStream()
    {
        var a = new SimRandom(42);
        var b = new SimRandom(42);

        Assert.Equal(Enumerable.Range(0, 100).Select(_ => a.NextUInt64()), Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        Assert.NotEqual(new SimRandom(42).NextUInt64(), new SimRandom(43).NextUInt64());
    }

    [Fact]
    public void SimRandom_Next_StaysInRange()
    {
        var random = new SimRandom(1);

        Assert.All(Enumerable.Range(0, 10_000).Select(_ => random.Next(3, 9)), v => Assert.InRange(v, 3, 8));
        Assert.All(Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()), v => Assert.InRange(v, 0, 0.9999999999));
    }

    [Fact]
    public void PerturbNumbers_WordProblem_ChangesNumbersAndKeepsWords()
    {
        const string problem = "Janet has 16 eggs and sells them for $2 each. She bakes 3/4 of a batch in 2019.";
        var random = new SimRandom(3);

        var variants = Enumerable.Range(0, 20).Select(_ => QuestionForge.PerturbNumbers(problem, random)).ToList();

        Assert.All(variants, v => Assert.StartsWith("Janet has ", v, StringComparison.Ordinal));
        Assert.All(variants, v => Assert.Contains("3/4", v, StringComparison.Ordinal));
        Assert.All(variants, v => Assert.Contains("2019", v, StringComparison.Ordinal));
        Assert.True(variants.Distinct().Count() > 10);
    }

    [Fact]
    public void HarvestSweep_ThousandsOfItems_RarelyRepeatAPrompt()
    {
        var corpus = PromptCorpus.LoadEmbedded();
        var sweep = new HarvestSweep(corpus, new SimRandom(5), HarvestSweep.Broad, 0);

        var questions = Enumerable.Range(0, 4000).Select(_ => sweep.Next().Question).ToList();

        Assert.True(questions.Distinct(StringComparer.Ordinal).Count() >= questions.Count * 0.95);
    }

    [Fact]
    public void HarvestSweep_Taxonomy_WalksFieldsInOrder()
    {
        var corpus = PromptCorpus.LoadEmbedded();
        var sweep = new HarvestSweep(corpus, new SimRandom(5), [new(SweepStream.Taxonomy, 1)], 0);

        var fields = Enumerable.Range(0, 60).Select(_ => sweep.Next().Field).ToList();

        Assert.Equal(TopicTaxonomy.Fields[0].Name, fields[0]);
        Assert.True(fields.Zip(fields.Skip(1)).Count(p => p.First != p.Second) <= 2, "a sweep moves from field to field, not back and forth");
    }

    [Fact]
    public void PromptCorpus_Embedded_HoldsEveryCorpusAndPairsMtBenchTurns()
    {
        var corpus = PromptCorpus.LoadEmbedded();

        Assert.Equal(1319, corpus.Gsm8k.Count);
        Assert.Equal(164, corpus.HumanEval.Count);
        Assert.Equal(500, corpus.Arena.Count);
        Assert.Equal(220, corpus.Awesome.Count);
        Assert.Equal(976, corpus.Oasst.Count);
        Assert.Equal(175, corpus.SelfInstructSeeds.Count);
        Assert.Equal(252, corpus.SelfInstructUser.Count);
        Assert.Equal(80, corpus.MtBenchTurn1.Count);
        Assert.Equal(80, corpus.MtBenchFollowUps.Count);
        Assert.Equal(78, corpus.VicunaBench.Count);
    }

    [Fact]
    public void ResidentialProxyPool_SameHour_SharesExitsAcrossClients()
    {
        var pool = new ResidentialProxyPool(new SimRandom(9), 300, 0.08);
        var at = new DateTimeOffset(2026, 11, 2, 10, 5, 0, TimeSpan.Zero);
        var first = new SimRandom(1);
        var second = new SimRandom(2);

        var a = Enumerable.Range(0, 40).Select(_ => pool.Exit(at, first).Ip).ToHashSet();
        var b = Enumerable.Range(0, 40).Select(_ => pool.Exit(at.AddMinutes(30), second).Ip).ToHashSet();
        var nextDay = Enumerable.Range(0, 40).Select(_ => pool.Exit(at.AddDays(1), second).Ip).ToHashSet();

        Assert.NotEmpty(a.Intersect(b));
        Assert.True(a.Union(b).Count() <= 24, "one hour's live set is a small part of the pool");
        Assert.True(nextDay.Except(a).Any(), "the live set rotates");
        Assert.True(pool.Exit(at, first).Isp.Asn > 0);
    }
}
