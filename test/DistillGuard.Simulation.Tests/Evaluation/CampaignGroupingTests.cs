using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Evaluation;
using static DistillGuard.Simulation.Tests.Evaluation.EvaluationFixtures;

namespace DistillGuard.Simulation.Tests.Evaluation;

public sealed class CampaignGroupingTests
{
    private static IEnumerable<SubjectFinding> Members(string prefix, int count, string? campaign, Verdict verdict = Verdict.Distillation) =>
        Enumerable.Range(0, count).Select(i => Finding($"{prefix}{i}", verdict, campaign: campaign));

    private static IEnumerable<SubjectLabel> Labels(string prefix, int count, string campaign) =>
        Enumerable.Range(0, count).Select(i => Attacker($"{prefix}{i}", campaign));

    [Fact]
    public void Evaluate_FoundCampaignMergingTwoLabelledOperations_HasPurityHalfAndFindsNeither()
    {
        var findings = Document([.. Members("a", 3, "cmp_1"), .. Members("b", 3, "cmp_1")]);

        var report = Evaluator.Evaluate(findings, [.. Labels("a", 3, "op-a"), .. Labels("b", 3, "op-b")]);

        var merged = Assert.Single(report.FindingsCampaigns);
        Assert.Equal(0.5, merged.Purity);
        Assert.Equal(3, merged.DominantMembers);
        Assert.Equal("op-a", merged.DominantLabelledCampaign);
        Assert.All(report.LabelledCampaigns, campaign => Assert.Equal(1.0, campaign.Completeness));
        Assert.All(report.LabelledCampaigns, campaign => Assert.False(campaign.Found));
        Assert.Equal(0, report.Grouping.CampaignsFound);
        Assert.Equal(0.5, report.Grouping.Purity);
    }

    [Fact]
    public void Evaluate_LabelledCampaignSplitInTwo_HasCompletenessHalfAndIsNotFound()
    {
        var findings = Document([.. Members("a", 2, "cmp_2"), .. Members("b", 2, "cmp_1")]);

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [.. Labels("a", 2, "op"), .. Labels("b", 2, "op")]).LabelledCampaigns);

        Assert.Equal(0.5, campaign.Completeness);
        Assert.Equal("cmp_1", campaign.DominantFindingsCampaign); // a tie goes to the ordinally first
        Assert.Equal(1.0, campaign.DominantFindingsCampaignPurity);
        Assert.Equal(2, campaign.FindingsCampaigns);
        Assert.False(campaign.Found);
    }

    [Fact]
    public void Evaluate_PureAndCompleteCampaign_IsFound()
    {
        var report = Evaluator.Evaluate(Document([.. Members("a", 5, "cmp_1")]), [.. Labels("a", 5, "op")]);

        var campaign = Assert.Single(report.LabelledCampaigns);
        Assert.True(campaign.Found);
        Assert.Equal(1.0, campaign.Completeness);
        Assert.Equal(1, report.Grouping.CampaignsFound);
    }

    [Fact]
    public void Evaluate_EveryMemberFlaggedButNoneGrouped_IsNotFound()
    {
        // What evaluate counted as found before grouping was measured: recall alone.
        var report = Evaluator.Evaluate(Document([.. Members("a", 12, campaign: null)]), [.. Labels("a", 12, "low-slow")]);

        var campaign = Assert.Single(report.LabelledCampaigns);
        Assert.Equal(1.0, campaign.Recall);
        Assert.Equal(0.0, campaign.Completeness);
        Assert.Null(campaign.DominantFindingsCampaign);
        Assert.False(campaign.Found);
    }

    [Theory]
    [InlineData(19, 1, true)]
    [InlineData(18, 2, false)]
    public void Evaluate_BenignMembersInTheFoundCampaign_CountAgainstPurityAtTheBar(int attackers, int benign, bool found)
    {
        var findings = Document([.. Members("a", attackers, "cmp_1"), .. Members("b", benign, "cmp_1", Verdict.Suspicious)]);
        SubjectLabel[] labels = [.. Labels("a", attackers, "op"), .. Enumerable.Range(0, benign).Select(i => Benign($"b{i}", "company"))];

        var report = Evaluator.Evaluate(findings, labels);

        Assert.Equal((double)attackers / (attackers + benign), Assert.Single(report.FindingsCampaigns).Purity);
        Assert.Equal(found, Assert.Single(report.LabelledCampaigns).Found);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(3, false)]
    public void Evaluate_CompletenessAtTheBar_IsFoundFromFourInFive(int grouped, bool found)
    {
        var findings = Document([.. Members("a", grouped, "cmp_1"), .. Members("b", 5 - grouped, campaign: null)]);

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [.. Labels("a", grouped, "op"), .. Labels("b", 5 - grouped, "op")]).LabelledCampaigns);

        Assert.Equal(grouped / 5.0, campaign.Completeness);
        Assert.Equal(found, campaign.Found);
    }

    [Fact]
    public void Evaluate_FoundThresholdsGiven_DecideFound()
    {
        var findings = Document([.. Members("a", 3, "cmp_1"), .. Members("b", 1, "cmp_1"), .. Members("c", 1, campaign: null)]);
        SubjectLabel[] labels = [.. Labels("a", 3, "op"), .. Labels("c", 1, "op"), Benign("b0", "company")];

        var strict = Evaluator.Evaluate(findings, labels);
        var loose = Evaluator.Evaluate(findings, labels, new EvaluationOptions { FoundPurity = 0.75, FoundCompleteness = 0.75 });

        Assert.False(Assert.Single(strict.LabelledCampaigns).Found);
        Assert.True(Assert.Single(loose.LabelledCampaigns).Found);
        Assert.Contains("0.75", loose.FoundCampaignRule, StringComparison.Ordinal);
        Assert.Contains("0.95", strict.FoundCampaignRule, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FlaggedAccountWithEndUsersInNoCampaign_IsOneFoundCampaignOfTheAccountAndItsEndUsers()
    {
        // An attacker-run reseller: the account, two harvesting end users, one unlabelled padding user.
        var findings = Document(
            Finding("acct_r", Verdict.Distillation),
            Finding("acct_r", Verdict.Distillation, endUser: "u1"),
            Finding("acct_r", Verdict.Suspicious, endUser: "u2"),
            Finding("acct_r", Verdict.Benign, endUser: "pad"));
        SubjectLabel[] labels = [Attacker("acct_r", "reseller"), Attacker("acct_r", "reseller", "u1"), Attacker("acct_r", "reseller", "u2")];

        var report = Evaluator.Evaluate(findings, labels);

        var found = Assert.Single(report.FindingsCampaigns);
        Assert.Equal(FoundCampaignKind.Account, found.Kind);
        Assert.Equal("acct_r", found.Id);
        Assert.Equal((4, 3, 1.0), (found.Members, found.LabelledMembers, found.Purity!.Value));
        var campaign = Assert.Single(report.LabelledCampaigns);
        Assert.Equal(1.0, campaign.Completeness);
        Assert.True(campaign.Found);
    }

    [Fact]
    public void Evaluate_UnflaggedRouterWithAttackerEndUsers_GroupsNothing()
    {
        var findings = Document(
            Finding("acct_router", Verdict.Benign),
            Finding("acct_router", Verdict.Distillation, endUser: "u1"),
            Finding("acct_router", Verdict.Distillation, endUser: "u2"),
            Finding("acct_router", Verdict.Distillation, endUser: "u3"),
            Finding("acct_router", Verdict.Benign, endUser: "u4"));
        SubjectLabel[] labels =
        [
            Benign("acct_router", "router"), Attacker("acct_router", "laundered", "u1"), Attacker("acct_router", "laundered", "u2"),
            Attacker("acct_router", "laundered", "u3"), Benign("acct_router", "router-user", "u4"),
        ];

        var report = Evaluator.Evaluate(findings, labels);

        Assert.Empty(report.FindingsCampaigns);
        Assert.Equal(0.0, Assert.Single(report.LabelledCampaigns).Completeness);
        Assert.Null(report.Grouping.Purity);
    }

    [Fact]
    public void Evaluate_EndUsersBehindACampaignsAccount_AreInThatCampaign()
    {
        var findings = Document(
            Finding("a0", Verdict.Distillation, campaign: "cmp_1"),
            Finding("a0", Verdict.Distillation, endUser: "u1"),
            Finding("a1", Verdict.Distillation, campaign: "cmp_1"));
        SubjectLabel[] labels = [Attacker("a0", "op"), Attacker("a0", "op", "u1"), Attacker("a1", "op")];

        var report = Evaluator.Evaluate(findings, labels);

        var found = Assert.Single(report.FindingsCampaigns);
        Assert.Equal((FoundCampaignKind.Campaign, 3), (found.Kind, found.Members));
        Assert.Equal(1.0, Assert.Single(report.LabelledCampaigns).Completeness);
    }

    [Fact]
    public void Evaluate_TwoFoundAndTwoLabelledCampaigns_ReportsMeansAndMemberWeightedFigures()
    {
        // cmp_1: four of op-a (purity 1); cmp_2: one of op-b and one benign (purity 1/2); op-b's two others ungrouped.
        var findings = Document(
        [
            .. Members("a", 4, "cmp_1"), Finding("b0", Verdict.Distillation, campaign: "cmp_2"), Finding("x", Verdict.Suspicious, campaign: "cmp_2"),
            .. Members("c", 2, campaign: null),
        ]);
        SubjectLabel[] labels = [.. Labels("a", 4, "op-a"), Attacker("b0", "op-b"), Attacker("c0", "op-b"), Attacker("c1", "op-b"), Benign("x", "batch")];

        var grouping = Evaluator.Evaluate(findings, labels).Grouping;

        Assert.Equal(2, grouping.FoundCampaigns);
        Assert.Equal(0.75, grouping.Purity);
        Assert.Equal(5.0 / 6, grouping.PurityWeighted);
        Assert.Equal(2, grouping.GroupedCampaigns);
        Assert.Equal((1 + (1.0 / 3)) / 2, grouping.Completeness);
        Assert.Equal(5.0 / 7, grouping.CompletenessWeighted);
        Assert.Equal((2, 1), (grouping.LabelledCampaigns, grouping.CampaignsFound));
    }

    [Fact]
    public void Evaluate_MemberMissingFromTheFindings_CountsAgainstCompleteness()
    {
        var campaign = Assert.Single(Evaluator.Evaluate(Document([.. Members("a", 3, "cmp_1")]), [.. Labels("a", 4, "op")]).LabelledCampaigns);

        Assert.Equal(0.75, campaign.Completeness);
    }

    [Theory]
    [InlineData(-0.1, 0.8, 3, 10)]
    [InlineData(0.95, 1.5, 3, 10)]
    [InlineData(0.95, 0.8, 0, 10)]
    [InlineData(0.95, 0.8, 3, 0)]
    public void Evaluate_InvalidOptions_Throw(double purity, double completeness, int minMembers, int bands)
    {
        var options = new EvaluationOptions { FoundPurity = purity, FoundCompleteness = completeness, MinGroupedMembers = minMembers, CalibrationBands = bands };

        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.Evaluate(Document(), [], options));
    }
}
