using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Evaluation;
using static DistillGuard.Simulation.Tests.Evaluation.EvaluationFixtures;

namespace DistillGuard.Simulation.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void Evaluate_AttackersAtEachVerdictAndOneMissing_MeasuresRecallAtBothLevels()
    {
        var findings = Document(
            Finding("a1", Verdict.Distillation, exchangesBeforeFlag: 10),
            Finding("a2", Verdict.Suspicious, exchangesBeforeFlag: 10),
            Finding("a3", Verdict.Benign));
        SubjectLabel[] labels = [Attacker("a1"), Attacker("a2"), Attacker("a3"), Attacker("a4")];

        var recall = Evaluator.Evaluate(findings, labels).Recall;

        Assert.Equal(4, recall.Attackers);
        Assert.Equal(2, recall.Flagged);
        Assert.Equal(1, recall.AtDistillation);
        Assert.Equal(1, recall.MissingFromFindings);
        Assert.Equal(0.5, recall.Recall);
        Assert.Equal(0.25, recall.RecallAtDistillation);
    }

    [Fact]
    public void Evaluate_NoAttackerLabels_LeavesRecallUndefined()
    {
        var findings = Document(Finding("b1", Verdict.Benign));

        var report = Evaluator.Evaluate(findings, [Benign("b1", "chat")]);

        Assert.Equal(0, report.Recall.Attackers);
        Assert.Null(report.Recall.Recall);
        Assert.Null(report.Recall.RecallAtDistillation);
        Assert.Empty(report.LabelledCampaigns);
        Assert.Equal(0, report.DetectionDelay.Measured);
    }

    [Fact]
    public void Evaluate_NothingFlagged_GivesZeroRecallAndUndefinedPrecisionAndDelay()
    {
        var findings = Document(Finding("a1", Verdict.Benign), Finding("b1", Verdict.Benign));

        var report = Evaluator.Evaluate(findings, [Attacker("a1", "hydra-1"), Benign("b1", "chat")]);

        Assert.Equal(0.0, report.Recall.Recall);
        Assert.Equal(0, report.Precision.DistillationVerdicts);
        Assert.Null(report.Precision.Precision);
        Assert.Equal(0.0, report.Benign.DistillationRate);
        Assert.Null(report.DetectionDelay.MedianFraction);
        Assert.Null(report.DetectionDelay.P90Fraction);
        Assert.Null(report.DetectionDelay.MedianExchangesBeforeFlag);
        var campaign = Assert.Single(report.LabelledCampaigns);
        Assert.False(campaign.Found);
        Assert.Null(campaign.Completeness);
        Assert.Null(campaign.DominantFindingsCampaign);
    }

    [Fact]
    public void Evaluate_DistillationVerdicts_PrecisionCountsLabelledSubjectsOnly()
    {
        var findings = Document(
            Finding("a1", Verdict.Distillation),
            Finding("b1", Verdict.Distillation),
            Finding("a2", Verdict.Suspicious),
            Finding("x1", Verdict.Distillation),
            Finding("x2", Verdict.Distillation));

        var precision = Evaluator.Evaluate(findings, [Attacker("a1"), Attacker("a2"), Benign("b1")]).Precision;

        Assert.Equal(2, precision.DistillationVerdicts);
        Assert.Equal(1, precision.TrueDistillationVerdicts);
        Assert.Equal(0.5, precision.Precision);
        Assert.Equal(2, precision.UnlabelledDistillationVerdicts);
    }

    [Fact]
    public void Evaluate_BenignPopulations_ReportsRatesOverallAndPerPopulationInNameOrder()
    {
        var findings = Document(
            Finding("e1", Verdict.Distillation),
            Finding("e2", Verdict.Benign),
            Finding("e3", Verdict.Suspicious),
            Finding("e4", Verdict.Benign),
            Finding("c1", Verdict.Suspicious),
            Finding("c2", Verdict.Benign),
            Finding("n1", Verdict.Benign));
        SubjectLabel[] labels =
        [
            Benign("e1", "eval-harness"), Benign("e2", "eval-harness"), Benign("e3", "eval-harness"), Benign("e4", "eval-harness"),
            Benign("c1", "chat"), Benign("c2", "chat"),
            Benign("n1"),
        ];

        var report = Evaluator.Evaluate(findings, labels);

        Assert.Equal(7, report.Benign.Subjects);
        Assert.Null(report.Benign.Population);
        Assert.Equal(1.0 / 7, report.Benign.DistillationRate);
        Assert.Equal(3.0 / 7, report.Benign.FlaggedRate);
        Assert.Equal(["chat", "eval-harness"], report.Populations.Select(rates => rates.Population));
        var chat = report.Populations[0];
        Assert.Equal(0.0, chat.DistillationRate);
        Assert.Equal(0.5, chat.FlaggedRate);
        var harness = report.Populations[1];
        Assert.Equal(4, harness.Subjects);
        Assert.Equal(1, harness.DistillationVerdicts);
        Assert.Equal(2, harness.FlaggedVerdicts);
        Assert.Equal(0.25, harness.DistillationRate);
        Assert.Equal(0.5, harness.FlaggedRate);
    }

    [Fact]
    public void Evaluate_BenignLabelWithoutFinding_CountsInNoRate()
    {
        var findings = Document(Finding("b1", Verdict.Distillation));

        var report = Evaluator.Evaluate(findings, [Benign("b1", "batch"), Benign("b2", "batch")]);

        Assert.Equal(1, report.Benign.Subjects);
        Assert.Equal(1, report.Benign.WithoutFinding);
        Assert.Equal(1.0, report.Benign.DistillationRate);
        Assert.Equal(1.0, Assert.Single(report.Populations).DistillationRate);
        Assert.Equal(1, report.Counts.LabelsWithoutFinding);
    }

    [Fact]
    public void Evaluate_EndUserLabels_MatchOnlyTheSameEndUsersFinding()
    {
        var findings = Document(
            Finding("router", Verdict.Distillation),
            Finding("router", Verdict.Suspicious, endUser: "u_2"),
            Finding("router", Verdict.Benign, endUser: "u_3"));
        SubjectLabel[] labels =
        [
            Attacker("router", "laundered-1", endUser: "u_1"),
            Attacker("router", "laundered-1", endUser: "u_2"),
            Benign("router", "router-users", endUser: "u_3"),
        ];

        var report = Evaluator.Evaluate(findings, labels);

        // u_1 has no finding of its own: the account-level verdict does not stand in for it.
        Assert.Equal(1, report.Recall.MissingFromFindings);
        Assert.Equal(0.5, report.Recall.Recall);
        Assert.Equal(0.0, report.Benign.FlaggedRate);
        Assert.Equal(2, report.Counts.LabelledSubjects);
        Assert.Equal(1, report.Counts.UnlabelledSubjects);
        Assert.Equal(1, report.Precision.UnlabelledDistillationVerdicts);
    }

    [Fact]
    public void Evaluate_MixedSubjects_CountsLabelledUnlabelledAndUnmatched()
    {
        var findings = Document(
            Finding("a1", Verdict.Distillation),
            Finding("b1", Verdict.Benign),
            Finding("x1", Verdict.Benign),
            Finding("x2", Verdict.Suspicious));

        var counts = Evaluator.Evaluate(findings, [Attacker("a1"), Attacker("a9"), Benign("b1"), Benign("b9")]).Counts;

        Assert.Equal(4, counts.Labels);
        Assert.Equal(2, counts.AttackerLabels);
        Assert.Equal(2, counts.BenignLabels);
        Assert.Equal(2, counts.LabelledSubjects);
        Assert.Equal(2, counts.UnlabelledSubjects);
        Assert.Equal(2, counts.LabelsWithoutFinding);
    }

    [Fact]
    public void Evaluate_LabelledCampaignSpreadOverFindingsCampaigns_ReportsCompletenessAndSpread()
    {
        var findings = Document(
            Finding("h1", Verdict.Distillation, campaign: "cmp_1"),
            Finding("h2", Verdict.Suspicious, campaign: "cmp_1"),
            Finding("h3", Verdict.Distillation, campaign: "cmp_2"),
            Finding("h4", Verdict.Benign, campaign: "cmp_3"));
        SubjectLabel[] labels = [Attacker("h1", "hydra-2"), Attacker("h2", "hydra-2"), Attacker("h3", "hydra-2"), Attacker("h4", "hydra-2")];

        var campaign = Assert.Single(Evaluator.Evaluate(findings, labels).LabelledCampaigns);

        Assert.Equal("hydra-2", campaign.Campaign);
        Assert.Equal(4, campaign.Members);
        Assert.Equal(3, campaign.Flagged);
        Assert.Equal(0.75, campaign.Recall);
        Assert.False(campaign.Found);
        Assert.Equal("cmp_1", campaign.DominantFindingsCampaign);
        Assert.Equal(2, campaign.InDominantFindingsCampaign);
        Assert.Equal(0.5, campaign.Completeness);
        Assert.Equal(1.0, campaign.DominantFindingsCampaignPurity);
        Assert.Equal(3, campaign.FindingsCampaigns);
    }

    [Theory]
    [InlineData(2, 1, true)]
    [InlineData(2, 0, false)]
    [InlineData(1, 1, true)]
    [InlineData(1, 0, false)]
    public void Evaluate_SmallCampaignFlaggedShare_IsFoundFromHalfUp(int members, int flagged, bool found)
    {
        var subjects = Enumerable.Range(0, members)
            .Select(i => Finding($"m{i}", i < flagged ? Verdict.Suspicious : Verdict.Benign))
            .ToArray();
        var labels = Enumerable.Range(0, members).Select(i => Attacker($"m{i}", "low-slow-1")).ToArray();

        var report = Evaluator.Evaluate(Document(subjects), labels);

        Assert.Equal(found, Assert.Single(report.LabelledCampaigns).Found);
        Assert.Contains("at least half", report.FoundCampaignRule, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FlaggedMembersInNoFindingsCampaign_CountAgainstCompleteness()
    {
        var findings = Document(
            Finding("h1", Verdict.Distillation, campaign: "cmp_1"),
            Finding("h2", Verdict.Distillation),
            Finding("h3", Verdict.Suspicious));

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [Attacker("h1", "c"), Attacker("h2", "c"), Attacker("h3", "c")]).LabelledCampaigns);

        Assert.Equal("cmp_1", campaign.DominantFindingsCampaign);
        Assert.Equal(1.0 / 3, campaign.Completeness);
        Assert.Equal(1, campaign.FindingsCampaigns);
    }

    [Fact]
    public void Evaluate_AttackersWithoutCampaignLabel_CountForRecallButFormNoCampaign()
    {
        var findings = Document(Finding("o1", Verdict.Distillation));

        var report = Evaluator.Evaluate(findings, [Attacker("o1")]);

        Assert.Equal(1.0, report.Recall.Recall);
        Assert.Empty(report.LabelledCampaigns);
    }

    [Fact]
    public void Evaluate_FindingsCampaignThatSwallowsBenignSubjects_ShowsLowPurity()
    {
        var findings = Document(
            Finding("h1", Verdict.Distillation, campaign: "cmp_1"),
            Finding("h2", Verdict.Distillation, campaign: "cmp_1"),
            Finding("b1", Verdict.Suspicious, campaign: "cmp_1"),
            Finding("o1", Verdict.Distillation, campaign: "cmp_1"),
            Finding("x1", Verdict.Suspicious, campaign: "cmp_1"),
            Finding("h3", Verdict.Distillation, campaign: "cmp_2"));
        SubjectLabel[] labels =
        [
            Attacker("h1", "hydra-1"), Attacker("h2", "hydra-1"), Attacker("h3", "hydra-1"),
            Attacker("o1", "overt-1"), Benign("b1", "eval-harness"),
        ];

        var report = Evaluator.Evaluate(findings, labels);

        Assert.Equal(["cmp_1", "cmp_2"], report.FindingsCampaigns.Select(campaign => campaign.Id));
        var swallowing = report.FindingsCampaigns[0];
        Assert.Equal(5, swallowing.Members);
        Assert.Equal(4, swallowing.LabelledMembers);
        Assert.Equal(1, swallowing.BenignMembers);
        Assert.Equal("hydra-1", swallowing.DominantLabelledCampaign);
        Assert.Equal(0.5, swallowing.Purity);
        var clean = report.FindingsCampaigns[1];
        Assert.Equal(1.0, clean.Purity);
    }

    [Fact]
    public void Evaluate_FindingsCampaignOfBenignSubjectsOnly_HasZeroPurity()
    {
        var findings = Document(
            Finding("b1", Verdict.Suspicious, campaign: "cmp_9"),
            Finding("b2", Verdict.Suspicious, campaign: "cmp_9"));

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [Benign("b1", "batch"), Benign("b2", "batch")]).FindingsCampaigns);

        Assert.Null(campaign.DominantLabelledCampaign);
        Assert.Equal(0.0, campaign.Purity);
    }

    [Fact]
    public void Evaluate_FindingsCampaignWithoutMemberSubjects_IsListedEmpty()
    {
        var findings = Document([Finding("x1", Verdict.Benign)], [Campaign("cmp_7")]);

        var campaign = Assert.Single(Evaluator.Evaluate(findings, []).FindingsCampaigns);

        Assert.Equal("cmp_7", campaign.Id);
        Assert.Equal(0, campaign.Members);
        Assert.Null(campaign.Purity);
    }

    [Fact]
    public void Evaluate_FlaggedAttackers_ReportsMedianAndP90OfDelay()
    {
        var findings = Document(
            Finding("a1", Verdict.Distillation, exchanges: 100, exchangesBeforeFlag: 50),
            Finding("a2", Verdict.Suspicious, exchanges: 200, exchangesBeforeFlag: 20),
            Finding("a3", Verdict.Distillation, exchanges: 1_000, exchangesBeforeFlag: 300),
            Finding("a4", Verdict.Distillation, exchanges: 10, exchangesBeforeFlag: 4),
            Finding("a5", Verdict.Distillation, exchanges: 100, exchangesBeforeFlag: 20),
            Finding("a6", Verdict.Benign, exchanges: 100),
            Finding("a7", Verdict.Suspicious, exchanges: 100, exchangesBeforeFlag: null),
            Finding("b1", Verdict.Distillation, exchanges: 100, exchangesBeforeFlag: 99));
        SubjectLabel[] labels =
        [
            Attacker("a1"), Attacker("a2"), Attacker("a3"), Attacker("a4"), Attacker("a5"), Attacker("a6"), Attacker("a7"), Benign("b1"),
        ];

        var delay = Evaluator.Evaluate(findings, labels).DetectionDelay;

        // Fractions 0.1, 0.2, 0.3, 0.4, 0.5; counts 4, 20, 20, 50, 300.
        Assert.Equal(5, delay.Measured);
        Assert.Equal(0.3, delay.MedianFraction!.Value, 12);
        Assert.Equal(0.46, delay.P90Fraction!.Value, 12);
        Assert.Equal(20, delay.MedianExchangesBeforeFlag);
    }

    [Fact]
    public void Evaluate_EvenNumberOfDelays_InterpolatesTheMedian()
    {
        var findings = Document(
            Finding("a1", Verdict.Distillation, exchanges: 100, exchangesBeforeFlag: 10),
            Finding("a2", Verdict.Distillation, exchanges: 100, exchangesBeforeFlag: 40));

        var delay = Evaluator.Evaluate(findings, [Attacker("a1"), Attacker("a2")]).DetectionDelay;

        Assert.Equal(0.25, delay.MedianFraction!.Value, 12);
        Assert.Equal(25, delay.MedianExchangesBeforeFlag);
    }

    [Fact]
    public void Evaluate_DuplicateLabel_Throws()
    {
        var findings = Document(Finding("a1", Verdict.Benign));

        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(findings, [Attacker("a1"), Benign("a1")]));
    }

    [Fact]
    public void Evaluate_SameAccountAsAccountAndEndUser_AreDistinctSubjects()
    {
        var findings = Document(Finding("r1", Verdict.Benign), Finding("r1", Verdict.Distillation, endUser: "u_1"));

        var report = Evaluator.Evaluate(findings, [Benign("r1", "router"), Attacker("r1", endUser: "u_1")]);

        Assert.Equal(2, report.Counts.LabelledSubjects);
        Assert.Equal(1.0, report.Recall.Recall);
        Assert.Equal(0.0, report.Benign.FlaggedRate);
    }

    [Fact]
    public void Evaluate_DuplicateFindingsSubject_Throws()
    {
        var findings = Document(Finding("a1", Verdict.Benign), Finding("a1", Verdict.Distillation));

        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(findings, []));
    }

    [Fact]
    public void Evaluate_UnknownLabelValue_Throws()
    {
        var label = Benign("a1") with { Label = "maybe" };

        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Document(), [label]));
    }

    [Fact]
    public void Evaluate_EmptyFindingsAndLabels_LeavesEveryRateUndefined()
    {
        var report = Evaluator.Evaluate(Document(), []);

        Assert.Null(report.Recall.Recall);
        Assert.Null(report.Precision.Precision);
        Assert.Null(report.Benign.DistillationRate);
        Assert.Empty(report.Populations);
        Assert.Empty(report.FindingsCampaigns);
        Assert.Empty(report.Check(new EvaluationThresholds { MinRecall = 0.9, MaxFpr = 0, MinPrecision = 1 }));
    }
}
