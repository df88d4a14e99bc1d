using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Intelligence;

namespace DistillGuard.Core.Tests.Engine;

public sealed class PeerIndicatorTests
{
    [Fact]
    public void Observe_PaymentReportedByAPeer_RaisesTheScoreWithQuotedEvidence()
    {
        var matcher = new FakeMatcher(PeerFingerprintKind.Payment, "pf_reported", 0.9);
        var withPeers = Run(new DetectionOptions { PeerIndicators = matcher }, "pf_reported");
        var without = Run(new DetectionOptions(), "pf_reported");

        var subject = withPeers.Subjects.Single(s => s.AccountId == "acct_x");
        Assert.True(subject.Score > without.Subjects.Single(s => s.AccountId == "acct_x").Score);
        var signal = subject.Signals.Single(s => s.Name == "peer_indicator");
        Assert.Equal(0.9, signal.Value, 6);
        Assert.Contains("peer-b", signal.Evidence, StringComparison.Ordinal);
        Assert.Contains("indicator--", signal.Evidence, StringComparison.Ordinal);
        Assert.True(matcher.Calls > 0);
    }

    [Fact]
    public void Observe_NoMatch_LeavesFindingsAsWithoutPeers()
    {
        var withPeers = Run(new DetectionOptions { PeerIndicators = new FakeMatcher(PeerFingerprintKind.Payment, "pf_someone_else", 0.9) }, "pf_mine");
        var without = Run(new DetectionOptions(), "pf_mine");

        Assert.Equal(without.Subjects.Select(s => (s.AccountId, s.Score, s.Verdict)), withPeers.Subjects.Select(s => (s.AccountId, s.Score, s.Verdict)));
        Assert.DoesNotContain(withPeers.Subjects.Single(s => s.AccountId == "acct_x").Signals, s => s.Name == "peer_indicator" && s.Value > 0);
    }

    [Fact]
    public void Observe_TlsFingerprintReported_MatchesWithoutTheUserAgent()
    {
        var matcher = new FakeMatcher(PeerFingerprintKind.Tls, "t13d1516h2_8daaf6152771_02713d6af862", 0.5);

        var findings = Run(new DetectionOptions { PeerIndicators = matcher }, "pf_any");

        Assert.Equal(0.5, findings.Subjects.Single(s => s.AccountId == "acct_x").Signals.Single(s => s.Name == "peer_indicator").Value, 6);
    }

    [Fact]
    public void Checkpoint_KeepsThePeerMatch()
    {
        var options = new DetectionOptions { PeerIndicators = new FakeMatcher(PeerFingerprintKind.Payment, "pf_reported", 0.8) };
        var engine = Feed(new DetectionEngine(options), "pf_reported");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        engine.WriteCheckpoint(buffer);

        var restored = DetectionEngine.ReadCheckpoint(buffer.WrittenSpan, new DetectionOptions());

        var subject = restored.DescribeSubject(new SubjectKey("acct_x", null))!;
        Assert.Equal(0.8, subject.Signals.Single(s => s.Name == "peer_indicator").Value, 6);
    }

    private static FindingsDocument Run(DetectionOptions options, string payment) =>
        Feed(new DetectionEngine(options), payment).GetFindings(new InputSummary { Lines = 0, Accepted = 0, Rejected = 0, Duplicates = 0 }, TestExchanges.Start);

    private static DetectionEngine Feed(DetectionEngine engine, string payment)
    {
        for (var i = 0; i < 40; i++)
        {
            Exchange e = TestExchanges.Make("acct_x", $"Explain the history of topic {i} briefly.", TestExchanges.Start.AddMinutes(7 * i), payment: payment, network: NetworkType.Datacenter);
            engine.Observe(e, FeatureExtractor.Extract(e));
        }

        return engine;
    }

    private sealed class FakeMatcher(PeerFingerprintKind kind, string value, double weight) : IPeerIndicatorMatcher
    {
        public int Calls { get; private set; }

        public bool TryMatch(PeerFingerprintKind k, string rawValue, DateTimeOffset at, out PeerIndicatorMatch match)
        {
            Calls++;
            match = new PeerIndicatorMatch("peer-b", weight, "indicator--9f6e3c2a-1b7d-4e8a-9c3f-2d5b6a7e8f90");
            return k == kind && rawValue == value;
        }
    }
}
