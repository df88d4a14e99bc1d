using System.Text.RegularExpressions;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Tests.Simulator;

public sealed partial class TrafficSimulatorTests(SmallRunFixture fixture) : IClassFixture<SmallRunFixture>
{
    private static readonly string[] Populations = ["chat", "company", "router", "router-user", "batch", "eval-harness", "logprobs"];
    private static readonly string[] Campaigns = ["overt-1", "hydra-1", "hydra-2", "laundered-1", "reseller-1", "lowslow-1", "polyglot-1"];

    private SimulationRun Run => fixture.Run;

    [Fact]
    public void Run_SameSeedScenarioAndScale_WritesIdenticalBytes()
    {
        var again = SimulationRun.Execute(TestScenarios.Small(), SmallRunFixture.Seed, TestScenarios.Scale);

        Assert.Equal(Run.Traffic, again.Traffic);
        Assert.Equal(Run.Labels, again.Labels);
    }

    [Fact]
    public void Run_DifferentSeed_WritesDifferentTraffic()
    {
        var other = SimulationRun.Execute(TestScenarios.Small(), SmallRunFixture.Seed + 1, TestScenarios.Scale);

        Assert.NotEqual(Run.Traffic, other.Traffic);
        Assert.Empty(Run.Exchanges.Select(e => e.AccountId).Intersect(other.Exchanges.Select(e => e.AccountId)));
    }

    [Fact]
    public void Run_SmallScenario_EveryLineParsesAsDgExchange()
    {
        // SimulationRun.Execute parses every line with the Ingest parser and throws on the first bad one.
        Assert.Equal(Run.Result.Exchanges, Run.Exchanges.Count);
        Assert.All(Run.Exchanges, e =>
        {
            Assert.NotNull(e.Client);
            Assert.NotNull(e.Billing);
            Assert.NotEmpty(e.Request.Messages);
            Assert.Contains(e.Response.Status, new[] { 200, 400, 429 });
        });
    }

    [Fact]
    public void Run_SmallScenario_WritesExchangesInTimestampOrderInsideTheWindow()
    {
        for (var i = 1; i < Run.Exchanges.Count; i++)
        {
            Assert.True(Run.Exchanges[i - 1].Timestamp <= Run.Exchanges[i].Timestamp, $"line {i + 1} is earlier than line {i}");
        }

        Assert.True(Run.Exchanges[0].Timestamp >= Run.Result.Start);
        Assert.True(Run.Exchanges[^1].Timestamp < Run.Result.End);
    }

    [Fact]
    public void Run_SmallScenario_GivesEveryExchangeAUniqueId()
    {
        Assert.Equal(Run.Exchanges.Count, Run.Exchanges.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Run_SmallScenario_LabelsEveryAccountAndEveryLabelledEndUser()
    {
        var labelled = Run.LabelLines.Select(l => l.Subject).ToHashSet();
        var accounts = Run.Exchanges.Select(e => e.AccountId).Distinct(StringComparer.Ordinal).ToList();

        Assert.All(accounts, a => Assert.Contains(new SubjectKey(a, null), labelled));
        Assert.Equal(labelled.Count, Run.LabelLines.Count);
        Assert.All(Run.LabelLines, l => Assert.Contains(Run.Exchanges, e => e.AccountId == l.AccountId && (l.EndUserId is null || e.EndUserId == l.EndUserId)));
        Assert.All(Run.LabelLines, l => Assert.True(l.IsDistillation ? l.Campaign is not null && l.Population is null : l.Population is not null && l.Campaign is null));
    }

    [Fact]
    public void Run_SmallScenario_LabelsOnlyTheResellersHarvestingEndUsers()
    {
        var reseller = Run.LabelLines.Single(l => l.Campaign == "reseller-1" && l.EndUserId is null);
        var endUsers = Run.Exchanges.Where(e => e.AccountId == reseller.AccountId).Select(e => e.EndUserId).Distinct().ToList();
        var labelledEndUsers = Run.LabelLines.Where(l => l.AccountId == reseller.AccountId && l.EndUserId is not null).ToList();

        Assert.DoesNotContain(null, endUsers);
        Assert.NotEmpty(labelledEndUsers);
        Assert.True(labelledEndUsers.Count < endUsers.Count, "the padding end users must stay unlabelled");
        Assert.All(labelledEndUsers, l => Assert.Equal("reseller-1", l.Campaign));
        var padding = Run.Result.Groups.Single(g => g.Name == "reseller-1 (padding)");
        Assert.Null(padding.Label);
        Assert.Equal(endUsers.Count - labelledEndUsers.Count, padding.Subjects);
    }

    [Fact]
    public void Run_SmallScenario_EveryPopulationAndCampaignSendsTraffic()
    {
        foreach (var name in Populations.Concat(Campaigns))
        {
            var group = Run.Result.Groups.SingleOrDefault(g => g.Name == name);
            Assert.True(group is { Subjects: > 0, Exchanges: > 0 }, $"{name} sent no traffic");
            Assert.Contains(Run.LabelLines, l => l.Population == name || l.Campaign == name);
        }

        Assert.Equal(Run.Result.Exchanges, Run.Result.Groups.Sum(g => g.Exchanges));
    }

    [Fact]
    public void Run_DefaultScenarioAtSmallScale_EveryPopulationAndCampaignSendsTraffic()
    {
        var run = SimulationRun.Execute(Scenario.Default with { Days = 10 }, 3, 0.02);

        foreach (var name in Populations.Concat(Campaigns))
        {
            Assert.Contains(run.LabelLines, l => l.Population == name || l.Campaign == name);
        }
    }

    [Fact]
    public void Run_SmallScenario_IdsAreOpaqueForEveryPopulation()
    {
        Assert.All(Run.Exchanges, e =>
        {
            Assert.Matches(AccountId(), e.AccountId);
            Assert.Matches(ApiKeyId(), e.ApiKeyId!);
            if (e.EndUserId is not null)
            {
                Assert.Matches(EndUserId(), e.EndUserId);
            }

            Assert.Matches(PaymentFingerprint(), e.Billing!.PaymentFingerprint!);
        });
    }

    [Fact]
    public void Run_SmallScenario_NoMetadataFieldNamesAPopulationOrCampaign()
    {
        string[] hints = ["hydra", "overt", "distill", "campaign", "launder", "reseller", "padding", "benign", "attack", "harvest", "population", "eval-harness", "lowslow", "polyglot", "simulat"];

        Assert.All(Run.Exchanges, e =>
        {
            var client = e.Client!;
            var billing = e.Billing!;
            var metadata = string.Join(
                '|',
                new[] { e.Id, e.AccountId, e.ApiKeyId, e.EndUserId, e.Request.Model, e.Request.User, client.Ip, client.AsnOrg, client.UserAgent, client.TlsFingerprint, billing.PaymentFingerprint, billing.EmailDomain, billing.Plan }
                    .Concat(client.Headers?.SelectMany(h => new[] { h.Key, h.Value }) ?? []))
                .ToLowerInvariant();
            Assert.DoesNotContain(hints, metadata.Contains);
        });
    }

    [Fact]
    public void Run_CancelledToken_StopsTheRun()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => TrafficSimulator.Run(TestScenarios.Small(), 1, TestScenarios.Scale, Stream.Null, Stream.Null, cancelled.Token));
    }

    [Fact]
    public void Run_SmallScenario_HydraAccountsSharePaymentFingerprintsAndProxyAddresses()
    {
        var hydra = Run.Of("hydra-1").ToList();
        var accounts = hydra.Select(e => e.AccountId).Distinct(StringComparer.Ordinal).Count();
        var payments = hydra.Select(e => e.Billing!.PaymentFingerprint).Distinct(StringComparer.Ordinal).Count();
        var sharedInSameHour = hydra
            .GroupBy(e => (e.Client!.Ip, Hour: e.Timestamp.ToUnixTimeSeconds() / 3600))
            .Count(g => g.Select(e => e.AccountId).Distinct(StringComparer.Ordinal).Count() > 1);

        Assert.True(accounts >= 10, $"expected a cluster, got {accounts} accounts");
        Assert.True(payments * 3 <= accounts, $"{accounts} accounts on {payments} payment fingerprints");
        Assert.True(sharedInSameHour > 0, "no proxy address was used by two accounts in the same hour");
        Assert.Single(hydra.Select(e => e.Client!.TlsFingerprint).Distinct());
        Assert.All(hydra, e => Assert.Contains(e.Client!.NetworkType, new[] { NetworkType.Residential, NetworkType.Mobile }));
        Assert.All(hydra.GroupBy(e => e.AccountId), g => Assert.InRange(g.Count(), 1, 80));
    }

    [Fact]
    public void Run_SmallScenario_RouterLaunderedEndUsersCarryTheRoutersNetworkFields()
    {
        var laundered = Run.Of("laundered-1").ToList();
        var routerAccount = Assert.Single(laundered.Select(e => e.AccountId).Distinct());
        var benign = Run.Exchanges.Where(e => e.AccountId == routerAccount && Run.LabelOf(e) is { IsDistillation: false }).ToList();
        var routerAddresses = benign.Select(e => e.Client!.Ip).ToHashSet();

        Assert.NotEmpty(benign);
        Assert.Equal("router", Run.LabelLines.Single(l => l.AccountId == routerAccount && l.EndUserId is null).Population);
        Assert.All(laundered, e =>
        {
            Assert.NotNull(e.EndUserId);
            Assert.Contains(e.Client!.Ip, routerAddresses);
            Assert.Equal(benign[0].Client!.UserAgent, e.Client.UserAgent);
            Assert.Equal(benign[0].Client!.TlsFingerprint, e.Client.TlsFingerprint);
            Assert.Equal(benign[0].Client!.Headers, e.Client.Headers);
            Assert.Equal(benign[0].Billing, e.Billing);
        });
    }

    [Fact]
    public void Run_SmallScenario_CampaignsPivotToTheNewFlagshipWithin48Hours()
    {
        var release = TestScenarios.Small().Models.Single(m => m.ReleaseDay > 0);
        var releasedAt = Run.Result.Start.AddDays(release.ReleaseDay).AddHours(release.ReleaseHour);
        var overt = Run.Of("overt-1").ToList();

        Assert.DoesNotContain(overt, e => e.Request.Model == release.Name && e.Timestamp < releasedAt);
        Assert.All(overt.Where(e => e.Timestamp > releasedAt.AddHours(48)), e => Assert.Equal(release.Name, e.Request.Model));
        Assert.Contains(Run.Of("eval-harness"), e => e.Request.Model == release.Name);
    }

    [Fact]
    public void Run_DevPhrasings_NeverEmitsAHoldoutPhrasing()
    {
        var holdout = DistinctiveParts(HoldoutPhrasings.Catalogue, DevPhrasings.Catalogue);
        var texts = AllText(Run);

        Assert.All(holdout, part => Assert.DoesNotContain(part, texts, StringComparison.Ordinal));
        Assert.Contains(DevPhrasings.Catalogue.Wrappers, w => w.FixedParts().Any(p => texts.Contains(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_HoldoutPhrasings_NeverEmitsADevPhrasing()
    {
        var run = SimulationRun.Execute(TestScenarios.Small(PhrasingSet.Holdout), 11, TestScenarios.Scale);
        var dev = DistinctiveParts(DevPhrasings.Catalogue, HoldoutPhrasings.Catalogue);
        var texts = AllText(run);

        Assert.All(dev, part => Assert.DoesNotContain(part, texts, StringComparison.Ordinal));
        Assert.Contains(HoldoutPhrasings.Catalogue.Wrappers, w => w.FixedParts().Any(p => texts.Contains(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_DoubleScale_DoublesPopulationAndCampaignCounts()
    {
        var small = TestScenarios.Small();
        var scenario = small with
        {
            Days = 3,
            Populations = [.. small.Populations.Select(p => p is RouterPopulationSpec router ? router with { EndUsers = IntRange.Of(100, 100), EndUserActiveDayProbability = DoubleRange.Of(0.9, 0.9) } : p)],
            Campaigns = [.. small.Campaigns.Where(c => c is HydraCampaignSpec { Id: "hydra-1" })],
        };
        var single = SimulationRun.Execute(scenario, 5, 0.1);
        var twice = SimulationRun.Execute(scenario, 5, 0.2);

        Assert.InRange(Ratio(twice, single, "chat"), 1.6, 2.4);
        Assert.InRange(Ratio(twice, single, "hydra-1"), 1.6, 2.4);
        Assert.InRange(Ratio(twice, single, "router-user"), 1.6, 2.4);
    }

    [Fact]
    public void Run_NonPositiveScale_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficSimulator.Run(TestScenarios.Small(), 1, 0, Stream.Null, Stream.Null, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficSimulator.Run(TestScenarios.Small(), 1, double.NaN, Stream.Null, Stream.Null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Run_InvalidScenario_ThrowsScenarioException()
    {
        var scenario = TestScenarios.Small() with { Days = 0 };

        var error = Assert.Throws<ScenarioException>(() => TrafficSimulator.Run(scenario, 1, 1, Stream.Null, Stream.Null, TestContext.Current.CancellationToken));

        Assert.Contains("days", error.Message, StringComparison.Ordinal);
    }

    private static double Ratio(SimulationRun twice, SimulationRun single, string group) =>
        (double)twice.Result.Groups.Single(g => g.Name == group).Subjects / single.Result.Groups.Single(g => g.Name == group).Subjects;

    private static string AllText(SimulationRun run) =>
        string.Join('\u0001', run.Exchanges.SelectMany(e => e.Request.Messages).Select(m => m.Content).Distinct(StringComparer.Ordinal));

    private static List<string> DistinctiveParts(PhrasingCatalogue catalogue, PhrasingCatalogue other)
    {
        var otherParts = other.FixedParts().Where(o => o.Length >= 16).ToList();
        return [.. catalogue.FixedParts()
            .Where(p => p.Length >= 16)
            .Where(p => !otherParts.Any(o => o.Contains(p, StringComparison.Ordinal) || p.Contains(o, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex("^acct_[0-9a-f]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^key_[0-9a-f]{10}$")]
    private static partial Regex ApiKeyId();

    [GeneratedRegex("^u_[0-9a-f]{10}$")]
    private static partial Regex EndUserId();

    [GeneratedRegex("^pf_[0-9a-f]{12}$")]
    private static partial Regex PaymentFingerprint();
}
