using DistillGuard.Core.Findings;
using DistillGuard.Server.Dossier;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Server.Tests.Dossier;

public sealed class DossierHtmlTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_EvidenceAndIdsWithMarkup_AreEncodedAsText()
    {
        var document = Document() with
        {
            Quotes = [new DossierQuote { Subject = "acct_<b>", Signal = "reasoning_elicitation", Value = 0.9, Evidence = "e.g. \"<script>alert(1)</script> & <img src=x onerror=alert(2)>\"" }],
        };

        var html = DossierHtml.Render(document, Stamp(document));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img", html, StringComparison.Ordinal);
        Assert.Contains("acct_&lt;b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameDocumentTwice_DrawsTheSameBytes()
    {
        var document = Document();

        Assert.Equal(DossierHtml.Render(document, Stamp(document)), DossierHtml.Render(Document(), Stamp(Document())));
    }

    [Fact]
    public void Render_Graph_PlacesMembersOnAFixedRingAndJoinsThemToTheirValues()
    {
        var document = Document();

        var svg = DossierSvg.Graph(document);

        // Member 1 at the top of the outer ring (centre 430, radius 260), member 2 a third of a turn on.
        Assert.Contains("<circle class=\"member-node\" cx=\"430\" cy=\"170\"", svg, StringComparison.Ordinal);
        Assert.Contains("<circle class=\"member-node\" cx=\"655.2\" cy=\"560\"", svg, StringComparison.Ordinal);
        Assert.Equal(2, svg.Split("<rect class=\"value-node\"").Length - 1);
        Assert.Equal(4, svg.Split("<line x1=").Length - 1);
    }

    [Fact]
    public void ContentHash_SameData_SameHash_AnyChange_AnotherHash()
    {
        var hash = DossierContentHash.Of(Document());

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, DossierContentHash.Of(Document()));
        Assert.NotEqual(hash, DossierContentHash.Of(Document() with { Score = 0.91 }));
        Assert.NotEqual(hash, DossierContentHash.Of(Document() with { Members = [.. Document().Members.Take(2)] }));
        Assert.NotEqual(hash, DossierContentHash.Of(Document() with { Tlp = TrafficLightProtocol.Red }));
    }

    [Theory]
    [InlineData("write to jane.doe@example.com now", "write to [email] now")]
    [InlineData("from 203.0.113.7 and 2001:db8:0:0:1:0:0:1", "from [ip] and [ip]")]
    [InlineData("card 4111 1111 1111 1111, call +44 20 7946 0958", "card [number], call +[number]")]
    [InlineData("36% of 411 prompts, 5,211 tokens", "36% of 411 prompts, 5,211 tokens")]
    [InlineData("account acct_7268e0833516 is distillation", "account acct_7268e0833516 is distillation")]
    [InlineData("{\"expires_at\":\"2999-01-01T00:00:00.0000000+00:00\"}", "{\"expires_at\":\"2999-01-01T00:00:00.0000000+00:00\"}")]
    [InlineData("card 4111-1111-1111-1111.", "card [number].")]
    public void Redact_ContactAndPaymentData_IsReplaced(string text, string expected)
    {
        Assert.Equal(expected, DossierRedactor.Redact(text));
    }

    [Fact]
    public void Timeline_MarksAndCells_FollowTheirTimes()
    {
        var timeline = Document().Timeline;

        var svg = DossierSvg.Timeline(timeline);

        Assert.Equal(3, svg.Split("<rect class=\"cell\"").Length - 1);
        Assert.Contains("class=\"flagged-mark\"", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"audit-mark\"", svg, StringComparison.Ordinal);
    }

    private static DossierStamp Stamp(DossierDocument document) => new(Start.AddDays(3), "analyst-test", DossierContentHash.Of(document));

    private static DossierDocument Document()
    {
        DossierMember Member(string id, IReadOnlyList<int> links) => new()
        {
            Subject = id, Verdict = Verdict.Distillation, Score = 0.97, Exchanges = 40, Action = "block", Reasons = ["policy campaign-block"],
            TopSignals = [new SignalResult { Name = "long_answers", Value = 0.8, Contribution = 0.4, Evidence = "long" }], Links = links,
            FirstFlaggedAt = Start.AddHours(1),
        };

        return new DossierDocument
        {
            CampaignId = "cmp_0001",
            Tlp = TrafficLightProtocol.Amber,
            Score = 0.97,
            Verdict = Verdict.Distillation,
            Summary = "3 accounts",
            Links =
            [
                new CampaignLinkSummary { Kind = "payment_fingerprint", Value = "pf_1", Subjects = 3 },
                new CampaignLinkSummary { Kind = "email_domain", Value = "mail.example", Subjects = 2 },
            ],
            Members = [Member("acct_a", [0, 1]), Member("acct_b", [0]), Member("acct_c", [0])],
            Timeline = new DossierTimeline
            {
                Start = Start,
                BucketHours = 1,
                Buckets = 4,
                Rows = [new DossierTimelineRow { Label = "acct_a", Counts = [3, 0, 5, 1] }],
                Marks = [new DossierTimelineMark { At = Start.AddHours(1), Row = 0, Kind = "flagged" }, new DossierTimelineMark { At = Start.AddHours(2), Row = -1, Kind = "override.created" }],
            },
            PromptTextStored = false,
            Quotes = [],
            Audit = [],
            AuditMatched = 0,
            Method = new DossierMethod
            {
                Signals = [], Settings = [new("suspicious from score", "0.5"), new("distillation from score", "0.85")], Rules = [],
                DetectorVersion = "test", Quality = [], QualitySource = "test",
            },
            Stix = [],
        };
    }
}
