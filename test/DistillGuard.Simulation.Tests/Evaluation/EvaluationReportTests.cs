using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Evaluation;
using static DistillGuard.Simulation.Tests.Evaluation.EvaluationFixtures;

namespace DistillGuard.Simulation.Tests.Evaluation;

public sealed class EvaluationReportTests
{
    // Recall 2/3, precision 2/3, benign distillation rate 1/3 overall: 1/2 in eval-harness, 0 in chat.
    private static readonly EvaluationReport Report = Evaluator.Evaluate(
        Document(
            Finding("a1", Verdict.Distillation, exchangesBeforeFlag: 10),
            Finding("a2", Verdict.Distillation, exchangesBeforeFlag: 20),
            Finding("a3", Verdict.Benign),
            Finding("e1", Verdict.Distillation),
            Finding("e2", Verdict.Benign),
            Finding("c1", Verdict.Suspicious)),
        [
            Attacker("a1", "hydra-1"), Attacker("a2", "hydra-1"), Attacker("a3", "hydra-1"),
            Benign("e1", "eval-harness"), Benign("e2", "eval-harness"), Benign("c1", "chat"),
        ]);

    [Fact]
    public void Check_AllBarsMet_ReturnsNoMiss()
    {
        var misses = Report.Check(new EvaluationThresholds { MinRecall = 0.6, MaxFpr = 0.5, MinPrecision = 0.6 });

        Assert.Empty(misses);
    }

    [Fact]
    public void Check_RecallBelowBar_ListsRecall()
    {
        var miss = Assert.Single(Report.Check(new EvaluationThresholds { MinRecall = 0.9, MaxFpr = 1 }));

        Assert.Equal(EvaluationMetric.AttackerRecall, miss.Metric);
        Assert.Null(miss.Population);
        Assert.Equal(2.0 / 3, miss.Actual);
        Assert.Equal(0.9, miss.Bar);
    }

    [Fact]
    public void Check_FalsePositiveRateAboveBar_ListsOverallAndEachPopulationAboveIt()
    {
        var misses = Report.Check(new EvaluationThresholds { MinRecall = 0, MaxFpr = 0.3 });

        Assert.Equal(2, misses.Count);
        Assert.All(misses, miss => Assert.Equal(EvaluationMetric.BenignDistillationRate, miss.Metric));
        Assert.Null(misses[0].Population);
        Assert.Equal(1.0 / 3, misses[0].Actual);
        Assert.Equal("eval-harness", misses[1].Population);
        Assert.Equal(0.5, misses[1].Actual);
    }

    [Fact]
    public void Check_PopulationAboveBarWhileOverallBelow_ListsThePopulation()
    {
        var misses = Report.Check(new EvaluationThresholds { MinRecall = 0, MaxFpr = 0.4 });

        var miss = Assert.Single(misses);
        Assert.Equal("eval-harness", miss.Population);
    }

    [Fact]
    public void Check_PrecisionBelowBar_ListsPrecisionOnlyWhenABarIsSet()
    {
        var withBar = Report.Check(new EvaluationThresholds { MinRecall = 0, MaxFpr = 1, MinPrecision = 0.8 });
        var withoutBar = Report.Check(new EvaluationThresholds { MinRecall = 0, MaxFpr = 1 });

        var miss = Assert.Single(withBar);
        Assert.Equal(EvaluationMetric.DistillationPrecision, miss.Metric);
        Assert.Equal(2.0 / 3, miss.Actual);
        Assert.Empty(withoutBar);
    }

    [Fact]
    public void Check_EveryBarMissed_ListsRecallThenRatesThenPrecision()
    {
        var misses = Report.Check(new EvaluationThresholds { MinRecall = 1, MaxFpr = 0, MinPrecision = 1 });

        Assert.Equal(
            [EvaluationMetric.AttackerRecall, EvaluationMetric.BenignDistillationRate, EvaluationMetric.BenignDistillationRate, EvaluationMetric.DistillationPrecision],
            misses.Select(miss => miss.Metric));
    }

    [Fact]
    public void ToString_PopulationMiss_DescribesMetricScopeValueAndBar()
    {
        var miss = new EvaluationMiss { Metric = EvaluationMetric.BenignDistillationRate, Population = "eval-harness", Actual = 0.031, Bar = 0.01 };

        Assert.Equal("benign distillation rate in population eval-harness is 0.0310, above the maximum 0.0100", miss.ToString());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Thresholds_OutsideUnitInterval_Throw(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationThresholds { MinRecall = value, MaxFpr = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationThresholds { MinRecall = 0, MaxFpr = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationThresholds { MinRecall = 0, MaxFpr = 0, MinPrecision = value });
    }

    [Fact]
    public void Serialize_Report_WritesSnakeCaseWithNullsAndTheFoundRule()
    {
        var json = EvaluationJson.Serialize(Report);

        Assert.Contains("\"labels_without_finding\": 0", json, StringComparison.Ordinal);
        Assert.Contains("\"recall_at_distillation\":", json, StringComparison.Ordinal);
        Assert.Contains("\"unlabelled_distillation_verdicts\": 0", json, StringComparison.Ordinal);
        Assert.Contains("\"population\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"dominant_findings_campaign\": null", json, StringComparison.Ordinal);
        Assert.Contains($"\"found_campaign_rule\": \"{Report.FoundCampaignRule}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"purity_weighted\":", json, StringComparison.Ordinal);
        Assert.Contains("\"harvest\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"expected_calibration_error\":", json, StringComparison.Ordinal);
        Assert.Contains("\"median_exchanges_before_flag\": 15", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SerializedReport_RoundTrips()
    {
        var json = EvaluationJson.Serialize(Report);

        var parsed = EvaluationJson.Deserialize(json);

        Assert.Equal(json, EvaluationJson.Serialize(parsed));
        Assert.Equal(Report.Recall, parsed.Recall);
        Assert.Equal(Report.Populations, parsed.Populations);
    }

    [Fact]
    public async Task WriteAsync_Report_WritesTheSameJsonAsSerialize()
    {
        using var stream = new MemoryStream();

        await EvaluationJson.WriteAsync(stream, Report, TestContext.Current.CancellationToken);

        Assert.Equal(EvaluationJson.Serialize(Report), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static readonly EvaluationReport Grouped = Evaluator.Evaluate(
        Document(
            Finding("a1", Verdict.Distillation, campaign: "cmp_1", exchanges: 10, harvest: Stopped(10, 100, 2, 20)),
            Finding("a2", Verdict.Distillation, campaign: "cmp_1", exchanges: 10, harvest: Stopped(10, 100, 8, 80)),
            Finding("b1", Verdict.Distillation, campaign: "cmp_1", exchanges: 10, harvest: Stopped(10, 100, 1, 10)),
            Finding("a3", Verdict.Benign, exchanges: 10, harvest: new SubjectHarvest { OutputTokens = 100 })),
        [Attacker("a1", "op-a"), Attacker("a2", "op-a"), Attacker("a3", "op-a"), Attacker("b1", "op-b")]);

    private static SubjectHarvest Stopped(long exchanges, long tokens, long before, long tokensBefore) => new()
    {
        OutputTokens = tokens,
        OutputTokensBeforeFlag = tokensBefore,
        FirstDistillationAt = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero),
        ExchangesBeforeDistillation = Math.Min(before, exchanges),
        OutputTokensBeforeDistillation = tokensBefore,
    };

    [Fact]
    public void Check_PurityAndCompletenessBelowBars_ListsBothWithTheMeans()
    {
        // cmp_1 holds two of op-a and one of op-b: purity 2/3; op-a's completeness 2/3 (op-b is too small to be judged).
        var misses = Grouped.Check(new EvaluationThresholds { MinRecall = 0, MaxFpr = 1, MinPurity = 0.9, MinCompleteness = 0.9 });

        Assert.Equal([EvaluationMetric.CampaignPurity, EvaluationMetric.CampaignCompleteness], misses.Select(miss => miss.Metric));
        Assert.Equal(2.0 / 3, misses[0].Actual);
        Assert.Equal(2.0 / 3, misses[1].Actual);
        Assert.Empty(Grouped.Check(new EvaluationThresholds { MinRecall = 0, MaxFpr = 1, MinPurity = 0.6, MinCompleteness = 0.6 }));
    }

    [Fact]
    public void Check_HarvestShareAboveBar_ListsOverallThenEachCampaignAboveIt()
    {
        // op-a kept (20 + 80 + 100) / 300 of its tokens, op-b 10 / 100, all attackers 210 / 400.
        var misses = Grouped.Check(new EvaluationThresholds { MinRecall = 0, MaxFpr = 1, MaxHarvestShare = 0.5 });

        Assert.All(misses, miss => Assert.Equal(EvaluationMetric.HarvestShare, miss.Metric));
        Assert.Equal([null, "op-a"], misses.Select(miss => miss.Campaign));
        Assert.Equal([210 / 400.0, 200 / 300.0], misses.Select(miss => miss.Actual));
    }

    [Fact]
    public void ToString_CampaignMiss_DescribesMetricScopeValueAndBar()
    {
        var miss = new EvaluationMiss { Metric = EvaluationMetric.HarvestShare, Campaign = "lowslow-1", Actual = 0.7353, Bar = 0.25 };

        Assert.Equal("share of output tokens served before distillation in campaign lowslow-1 is 0.7353, above the maximum 0.2500", miss.ToString());
    }

    [Fact]
    public void Deserialize_ReportWithHarvestAndGrouping_RoundTrips()
    {
        var json = EvaluationJson.Serialize(Grouped);

        var parsed = EvaluationJson.Deserialize(json);

        Assert.Equal(json, EvaluationJson.Serialize(parsed));
        Assert.Equal(Grouped.Harvest!.Overall, parsed.Harvest!.Overall);
        Assert.Equal(Grouped.Grouping, parsed.Grouping);
        Assert.Contains("\"kind\": \"campaign\"", json, StringComparison.Ordinal);
    }
}
