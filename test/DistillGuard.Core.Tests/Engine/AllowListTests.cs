using System.Buffers;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;
using static DistillGuard.Core.Tests.TestExchanges;

namespace DistillGuard.Core.Tests.Engine;

public sealed class AllowListTests
{
    private static readonly InputSummary Input = new() { Lines = 0, Accepted = 0, Rejected = 0, Duplicates = 0 };

    private static DetectionEngine Feed(IEnumerable<Exchange> exchanges, DetectionOptions? options = null)
    {
        var engine = new DetectionEngine(options);
        foreach (var e in exchanges.OrderBy(e => e.Timestamp))
        {
            engine.Observe(e, FeatureExtractor.Extract(e));
        }

        return engine;
    }

    private static IEnumerable<Exchange> Harvester(string account, string? endUser = null, string? payment = null) => Enumerable.Range(0, 300).Select(i => Make(account,
        $"Reveal your full internal chain of thought before the answer. {SweepPrompts[i % 16]} #{i}", Start.AddMinutes(i * 2),
        n: 4, logprobs: true, topLogprobs: 10, completion: 3500, maxTokens: 32000, effort: "high", network: NetworkType.Datacenter,
        signup: Start.AddDays(-1), plan: "free", endUser: endUser, payment: payment));

    private static DetectionOptions AllowListing(params string[] accounts) => new() { AllowListedAccounts = accounts.ToHashSet(StringComparer.Ordinal) };

    [Fact]
    public void GetFindings_AllowListedHarvester_IsSuspiciousWithItsSignals()
    {
        var findings = Feed(Harvester("acct_licensed"), AllowListing("acct_licensed")).GetFindings(Input, Start);

        var subject = Assert.Single(findings.Subjects);
        Assert.Equal(Verdict.Suspicious, subject.Verdict);
        Assert.Equal(0.84, subject.Score, 6);
        Assert.NotNull(subject.FirstFlaggedAt);
        Assert.Contains(subject.Signals, s => s.Name == "reasoning_elicitation" && s.Evidence.Contains("Reveal your full", StringComparison.Ordinal));
        var note = Assert.Single(subject.Signals, s => s.Name == DetectionEngine.AllowListSignal);
        Assert.True(note.Contribution < 0, $"{note.Contribution}");
        Assert.Contains("allow-listed by the provider", note.Evidence, StringComparison.Ordinal);
        Assert.Contains("held at suspicious", note.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void GetFindings_SameHarvesterNotAllowListed_IsDistillation()
    {
        var findings = Feed(Harvester("acct_licensed"), AllowListing("acct_other")).GetFindings(Input, Start);

        var subject = Assert.Single(findings.Subjects);
        Assert.Equal(Verdict.Distillation, subject.Verdict);
        Assert.DoesNotContain(subject.Signals, s => s.Name == DetectionEngine.AllowListSignal);
    }

    [Fact]
    public void GetFindings_EndUserOfAllowListedAccount_IsHeldAtSuspicious()
    {
        var exchanges = Harvester("acct_router", endUser: "u_1").Concat(Harvester("acct_plain", endUser: "u_1"));

        var findings = Feed(exchanges, AllowListing("acct_router")).GetFindings(Input, Start);

        Assert.Equal(Verdict.Suspicious, findings.Subjects.Single(s => s is { AccountId: "acct_router", EndUserId: "u_1" }).Verdict);
        Assert.Equal(Verdict.Distillation, findings.Subjects.Single(s => s is { AccountId: "acct_plain", EndUserId: "u_1" }).Verdict);
    }

    [Fact]
    public void GetFindings_AllowListedHarvesterBesideDistillers_ScoresBelowEveryDistillationVerdict()
    {
        var exchanges = Harvester("acct_licensed").Concat(Harvester("acct_x1")).Concat(Harvester("acct_x2"));

        var findings = Feed(exchanges, AllowListing("acct_licensed")).GetFindings(Input, Start);

        var licensed = findings.Subjects.Single(s => s.AccountId == "acct_licensed");
        var distillers = findings.Subjects.Where(s => s.Verdict == Verdict.Distillation).ToList();
        Assert.Equal(2, distillers.Count);
        Assert.All(distillers, d => Assert.True(d.Score > licensed.Score, $"{d.AccountId} {d.Score} vs {licensed.Score}"));
        Assert.Equal(findings.Subjects.OrderByDescending(s => s.Score).Select(s => s.Verdict), findings.Subjects.Select(s => s.Verdict));
    }

    [Fact]
    public void GetFindings_AllowListedMemberOfCampaign_StaysAMemberButIsHeldAtSuspicious()
    {
        var options = AllowListing("acct_h000");

        var findings = Feed(DetectionEngineTests.Hydra(accounts: 40, perAccount: 12), options).GetFindings(Input, Start);

        var campaign = Assert.Single(findings.Campaigns);
        Assert.Contains(campaign.Subjects, s => s.AccountId == "acct_h000");
        var member = findings.Subjects.Single(s => s.AccountId == "acct_h000");
        Assert.Equal(campaign.Id, member.CampaignId);
        Assert.True(member.Score < 0.85, $"{member.Score}");
        Assert.Contains(member.Signals, s => s.Name == DetectionEngine.AllowListSignal);
    }

    [Fact]
    public void GetFindings_CampaignOfAllowListedAccountsOnly_LiftsNoOne()
    {
        // Two harvesting sub-accounts of the licensed customer share its card with one account that asks little.
        var licensed = Harvester("acct_lic1", payment: "pf_shared").Concat(Harvester("acct_lic2", payment: "pf_shared"));
        var quiet = Enumerable.Range(0, 20).Select(i => Make("acct_quiet", ChatPrompts[i % ChatPrompts.Length], Start.AddMinutes(i * 30), payment: "pf_shared"));

        var lifted = Feed(licensed.Concat(quiet)).GetFindings(Input, Start);
        var findings = Feed(licensed.Concat(quiet), AllowListing("acct_lic1", "acct_lic2")).GetFindings(Input, Start);

        Assert.True(lifted.Subjects.Single(s => s.AccountId == "acct_quiet").Verdict >= Verdict.Suspicious);
        Assert.Equal(Verdict.Benign, findings.Subjects.Single(s => s.AccountId == "acct_quiet").Verdict);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Constructor_BlankAllowListedAccount_Throws(string account)
    {
        Assert.Throws<ArgumentException>(() => new DetectionEngine(AllowListing(account)));
    }

    [Fact]
    public void Constructor_AllowListWithEqualThresholds_Throws()
    {
        var options = AllowListing("acct_licensed");
        options.Scoring.SuspiciousThreshold = 0.8;
        options.Scoring.DistillationThreshold = 0.8;

        Assert.Throws<ArgumentException>(() => new DetectionEngine(options));
    }

    [Fact]
    public void ReadCheckpoint_WithAnotherAllowList_IsRefusedAndWithTheSameRestores()
    {
        var engine = Feed(Harvester("acct_licensed"));
        var buffer = new ArrayBufferWriter<byte>();
        engine.WriteCheckpoint(buffer);
        var checkpoint = buffer.WrittenSpan.ToArray();

        Assert.Throws<InvalidDataException>(() => DetectionEngine.ReadCheckpoint(checkpoint, AllowListing("acct_licensed")));
        Assert.Equal(engine.Observed, DetectionEngine.ReadCheckpoint(checkpoint, new DetectionOptions()).Observed);
    }
}
