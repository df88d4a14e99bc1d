using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Evaluation;
using static DistillGuard.Simulation.Tests.Evaluation.EvaluationFixtures;

namespace DistillGuard.Simulation.Tests.Evaluation;

public sealed class HarvestTests
{
    private static readonly DateTimeOffset Stopped = new(2026, 11, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_CampaignNeverStopped_Harvests100Percent()
    {
        var findings = Document(
            Finding("a1", Verdict.Suspicious, exchanges: 40, exchangesBeforeFlag: 10, harvest: new SubjectHarvest { OutputTokens = 4000, OutputTokensBeforeFlag = 900 }),
            Finding("a2", Verdict.Benign, exchanges: 60, harvest: new SubjectHarvest { OutputTokens = 6000 }));

        var harvest = Evaluator.Evaluate(findings, [Attacker("a1", "low-slow"), Attacker("a2", "low-slow")]).Harvest!;

        var campaign = Assert.Single(harvest.Campaigns);
        Assert.Equal(1.0, campaign.ExchangeShareBeforeDistillation);
        Assert.Equal(1.0, campaign.TokenShareBeforeDistillation);
        Assert.Equal(0.7, campaign.ExchangeShareBeforeFlag);
        Assert.Equal(0.69, campaign.TokenShareBeforeFlag);
        Assert.Equal(0, campaign.Burned);
        Assert.Equal(0.0, campaign.BurnedPerTenThousandExchanges);
    }

    [Fact]
    public void Evaluate_MembersStoppedAtKnownCounts_SumsExactly()
    {
        var findings = Document(
            Finding("a1", Verdict.Distillation, exchanges: 100, exchangesBeforeFlag: 10, harvest: new SubjectHarvest
            {
                OutputTokens = 1000, OutputTokensBeforeFlag = 100, FirstDistillationAt = Stopped, ExchangesBeforeDistillation = 20, OutputTokensBeforeDistillation = 250,
            }),
            Finding("a2", Verdict.Benign, exchanges: 50, harvest: new SubjectHarvest { OutputTokens = 500 }),
            Finding("b1", Verdict.Distillation, exchanges: 10, exchangesBeforeFlag: 1, harvest: new SubjectHarvest
            {
                OutputTokens = 70, OutputTokensBeforeFlag = 7, FirstDistillationAt = Stopped, ExchangesBeforeDistillation = 2, OutputTokensBeforeDistillation = 14,
            }));

        var harvest = Evaluator.Evaluate(findings, [Attacker("a1", "op-a"), Attacker("a2", "op-a"), Attacker("b1", "op-b"), Attacker("gone", "op-a")]).Harvest!;

        var a = harvest.Campaigns[0];
        Assert.Equal(
            new HarvestMetrics
            {
                Campaign = "op-a",
                Members = 3,
                Exchanges = 150,
                ExchangesBeforeFlag = 60,
                ExchangesBeforeDistillation = 70,
                OutputTokens = 1500,
                OutputTokensBeforeFlag = 600,
                OutputTokensBeforeDistillation = 750,
                ExchangeShareBeforeFlag = 60 / 150.0,
                ExchangeShareBeforeDistillation = 70 / 150.0,
                TokenShareBeforeFlag = 0.4,
                TokenShareBeforeDistillation = 0.5,
                Burned = 1,
                BurnedPerTenThousandExchanges = 10_000 / 70.0,
            },
            a);
        Assert.Equal("op-b", harvest.Campaigns[1].Campaign);
        Assert.Equal(0.2, harvest.Campaigns[1].TokenShareBeforeDistillation);
        Assert.Equal((4, 160L, 72L, 1570L, 764L, 2), (harvest.Overall.Members, harvest.Overall.Exchanges, harvest.Overall.ExchangesBeforeDistillation,
            harvest.Overall.OutputTokens, harvest.Overall.OutputTokensBeforeDistillation, harvest.Overall.Burned));
        Assert.Null(harvest.Overall.Campaign);
    }

    [Fact]
    public void Evaluate_EndUserCoveredByItsAccountsEarlierVerdict_CountsAsStoppedThen()
    {
        // The router was judged distillation when the end user had had 15 of its 60 exchanges; the end user itself only at 40.
        var findings = Document(
            Finding("acct_router", Verdict.Distillation, exchanges: 1000, exchangesBeforeFlag: 100, harvest: new SubjectHarvest
            {
                OutputTokens = 90_000, OutputTokensBeforeFlag = 9000, FirstDistillationAt = Stopped, ExchangesBeforeDistillation = 300, OutputTokensBeforeDistillation = 27_000,
            }),
            Finding("acct_router", Verdict.Distillation, endUser: "u_1", exchanges: 60, exchangesBeforeFlag: 30, harvest: new SubjectHarvest
            {
                OutputTokens = 6000, OutputTokensBeforeFlag = 3000, FirstDistillationAt = Stopped.AddDays(1), ExchangesBeforeDistillation = 40, OutputTokensBeforeDistillation = 4000,
                ExchangesBeforeAccountFlag = 5, OutputTokensBeforeAccountFlag = 500, ExchangesBeforeAccountDistillation = 15, OutputTokensBeforeAccountDistillation = 1500,
            }));

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [Benign("acct_router", "router"), Attacker("acct_router", "laundered", "u_1")]).Harvest!.Campaigns);

        Assert.Equal((60L, 5L, 15L), (campaign.Exchanges, campaign.ExchangesBeforeFlag, campaign.ExchangesBeforeDistillation));
        Assert.Equal((6000L, 500L, 1500L), (campaign.OutputTokens, campaign.OutputTokensBeforeFlag, campaign.OutputTokensBeforeDistillation));
        Assert.Equal(0.25, campaign.TokenShareBeforeDistillation);
        Assert.Equal(1, campaign.Burned);
    }

    [Fact]
    public void Evaluate_EndUserStoppedBeforeItsAccount_KeepsItsOwnCounts()
    {
        var findings = Document(
            Finding("acct_router", Verdict.Distillation, exchanges: 1000, harvest: new SubjectHarvest
            {
                OutputTokens = 90_000, FirstDistillationAt = Stopped, ExchangesBeforeDistillation = 900, OutputTokensBeforeDistillation = 80_000,
            }),
            Finding("acct_router", Verdict.Distillation, endUser: "u_1", exchanges: 60, exchangesBeforeFlag: 3, harvest: new SubjectHarvest
            {
                OutputTokens = 6000, OutputTokensBeforeFlag = 300, FirstDistillationAt = Stopped.AddDays(-1), ExchangesBeforeDistillation = 8, OutputTokensBeforeDistillation = 800,
                ExchangesBeforeAccountFlag = 50, OutputTokensBeforeAccountFlag = 5000, ExchangesBeforeAccountDistillation = 55, OutputTokensBeforeAccountDistillation = 5500,
            }));

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [Benign("acct_router", "router"), Attacker("acct_router", "laundered", "u_1")]).Harvest!.Campaigns);

        Assert.Equal((3L, 8L, 300L, 800L), (campaign.ExchangesBeforeFlag, campaign.ExchangesBeforeDistillation, campaign.OutputTokensBeforeFlag, campaign.OutputTokensBeforeDistillation));
    }

    [Fact]
    public void Evaluate_EndUserWhoseAccountWasStoppedButNotItself_IsBurned()
    {
        var findings = Document(
            Finding("acct_r", Verdict.Distillation, exchanges: 10, harvest: new SubjectHarvest
            {
                OutputTokens = 100, FirstDistillationAt = Stopped, ExchangesBeforeDistillation = 4, OutputTokensBeforeDistillation = 40,
            }),
            Finding("acct_r", Verdict.Benign, endUser: "u_1", exchanges: 5, harvest: new SubjectHarvest
            {
                OutputTokens = 50, ExchangesBeforeAccountFlag = 2, OutputTokensBeforeAccountFlag = 20, ExchangesBeforeAccountDistillation = 2, OutputTokensBeforeAccountDistillation = 20,
            }));

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [Attacker("acct_r", "laundered", "u_1")]).Harvest!.Campaigns);

        Assert.Equal((2L, 2L, 1), (campaign.ExchangesBeforeFlag, campaign.ExchangesBeforeDistillation, campaign.Burned));
    }

    [Fact]
    public void Evaluate_AccountAndItsLabelledEndUser_CountEachExchangeOnce()
    {
        // A reseller of 100 exchanges: its harvesting end user sent 30 (12 before its own verdict, 20 before the account's),
        // an unlabelled padding user the other 70. The account was flagged at 40 and stopped at 60 of its exchanges.
        var findings = Document(
            Finding("acct_r", Verdict.Distillation, exchanges: 100, exchangesBeforeFlag: 40, harvest: new SubjectHarvest
            {
                OutputTokens = 10_000, OutputTokensBeforeFlag = 4000, FirstDistillationAt = Stopped, ExchangesBeforeDistillation = 60, OutputTokensBeforeDistillation = 6000,
            }),
            Finding("acct_r", Verdict.Distillation, endUser: "u_h", exchanges: 30, exchangesBeforeFlag: 5, harvest: new SubjectHarvest
            {
                OutputTokens = 6000, OutputTokensBeforeFlag = 1000, FirstDistillationAt = Stopped.AddHours(-1), ExchangesBeforeDistillation = 12, OutputTokensBeforeDistillation = 2400,
                ExchangesBeforeAccountFlag = 10, OutputTokensBeforeAccountFlag = 2000, ExchangesBeforeAccountDistillation = 20, OutputTokensBeforeAccountDistillation = 4000,
            }),
            Finding("acct_r", Verdict.Benign, endUser: "u_pad", exchanges: 70, harvest: new SubjectHarvest
            {
                OutputTokens = 4000, ExchangesBeforeAccountFlag = 30, OutputTokensBeforeAccountFlag = 2000, ExchangesBeforeAccountDistillation = 40, OutputTokensBeforeAccountDistillation = 2000,
            }));

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [Attacker("acct_r", "reseller"), Attacker("acct_r", "reseller", "u_h")]).Harvest!.Campaigns);

        // The account counts 100 - 30 = 70 exchanges: 40 - 10 = 30 before its flag, 60 - 20 = 40 before its stop.
        Assert.Equal((100L, 35L, 52L), (campaign.Exchanges, campaign.ExchangesBeforeFlag, campaign.ExchangesBeforeDistillation));
        Assert.Equal((10_000L, 3000L, 4400L), (campaign.OutputTokens, campaign.OutputTokensBeforeFlag, campaign.OutputTokensBeforeDistillation));
        Assert.Equal(2, campaign.Burned);
    }

    [Fact]
    public void Evaluate_FindingsWithoutHarvestFields_LeaveHarvestUnavailableNotZero()
    {
        var findings = Document(Finding("a1", Verdict.Distillation, exchangesBeforeFlag: 3), Finding("a2", Verdict.Benign, harvest: new SubjectHarvest { OutputTokens = 5 }));

        var report = Evaluator.Evaluate(findings, [Attacker("a1", "op"), Attacker("a2", "op")]);

        Assert.Null(report.Harvest);
        Assert.Empty(report.Check(new EvaluationThresholds { MinRecall = 0, MaxFpr = 1, MaxHarvestShare = 0 }));
    }

    [Fact]
    public void Evaluate_EndUsersServedMoreThanTheirAccount_ThrowsNamingTheAccount()
    {
        var findings = Document(
            Finding("acct_r", Verdict.Benign, exchanges: 10, harvest: new SubjectHarvest { OutputTokens = 100 }),
            Finding("acct_r", Verdict.Benign, endUser: "u_1", exchanges: 11, harvest: new SubjectHarvest { OutputTokens = 50 }));

        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(findings, [Attacker("acct_r", "op"), Attacker("acct_r", "op", "u_1")]));

        Assert.Contains("acct_r", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoOutputTokens_LeavesTokenSharesUndefined()
    {
        var findings = Document(Finding("a1", Verdict.Benign, exchanges: 10, harvest: new SubjectHarvest { OutputTokens = 0 }));

        var campaign = Assert.Single(Evaluator.Evaluate(findings, [Attacker("a1", "op")]).Harvest!.Campaigns);

        Assert.Null(campaign.TokenShareBeforeDistillation);
        Assert.Equal(1.0, campaign.ExchangeShareBeforeDistillation);
    }
}
