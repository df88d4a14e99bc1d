using System.Security.Cryptography;
using System.Text;
using DistillGuard.Core.Findings;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;
using Microsoft.Extensions.Time.Testing;

namespace DistillGuard.Sharing.Tests;

/// <summary>A hydra campaign as the engine reports it, with raw values that must never leave, and the tools to export it.</summary>
internal static class CampaignFixture
{
    public const string CampaignId = "cmp_0007";
    public const string Payment = "pm_fp_7Qx9LmN2CardA";
    public const string SecondPayment = "pm_fp_Zz81BulkB";
    public const string LookalikePayment = "pm_fp_LookalikeShared";
    public const string Tls = "771,4865-4866-4867,0-23-65281-10-11 python-httpx/0.27.0";
    public const string EmailDomain = "harvest-labs.example";
    public const string ProxyA = "203.0.113.57@493827";
    public const string ProxyB = "203.0.113.201@493828";
    public const string ProxyV6 = "2001:db8:abcd:12:a1b2::7@493827";
    public const string Skeleton = "9f3a1c07d2e4b5a6";
    public const string TemplateText =
        "You are an expert tutor. Solve the following competition problem step by step, explain every intermediate step of your reasoning in detail, "
        + "check your work carefully and only then state the final answer clearly: {question}";

    public const string ParaphrasedTemplate =
        "You are an expert teacher. Solve the following competition problem step by step, explain every intermediate step of your thinking in detail, "
        + "check your work carefully and only then give the final answer clearly: {question}";

    public const string UnrelatedTemplate =
        "Translate this customer support ticket into formal German and keep the product names unchanged. Ticket text follows below: {ticket}";

    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 20, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    public static readonly string[] HydraAccounts = ["acct_hydra_001", "acct_hydra_002", "acct_hydra_003", "acct_hydra_004", "acct_hydra_005", "acct_hydra_006"];

    /// <summary>A campaign member the engine judged benign: it shares a payment card with the look-alike below, nothing else.</summary>
    public const string BenignMember = "acct_lookalike_17";

    /// <summary>A member whose own finding puts it in another campaign.</summary>
    public const string OtherCampaignMember = "acct_drifted_42";

    public const string InnocentCustomer = "acct_innocent_customer_9";

    public static IEnumerable<string> RawValues =>
    [
        Payment, SecondPayment, LookalikePayment, Tls, "python-httpx", EmailDomain, "203.0.113.57", "203.0.113.201", "203.0.113", "2001:db8:abcd:12",
        Skeleton, "competition problem", "expert tutor", "final answer", .. HydraAccounts, BenignMember, OtherCampaignMember, InnocentCustomer,
    ];

    public static FakeTimeProvider Time() => new(Now);

    public static TrustGroupKey Key(int epoch, DateTimeOffset activeFrom, string secret = "trust-group-alpha") => new()
    {
        Epoch = epoch,
        Key = SHA256.HashData(Encoding.UTF8.GetBytes($"{secret}/{epoch}")),
        ActiveFrom = activeFrom,
    };

    public static PseudonymKeyRing KeyRing(TimeProvider time, string secret = "trust-group-alpha") =>
        new([Key(2, Now.AddDays(-90), secret), Key(3, Now.AddDays(-10), secret)], time);

    public static CampaignFinding Campaign(double score = 0.93) => new()
    {
        Id = CampaignId,
        Score = score,
        Subjects = [.. HydraAccounts.Select(a => new SubjectKey(a, null)), new SubjectKey(BenignMember, null), new SubjectKey(OtherCampaignMember, null)],
        Links =
        [
            new CampaignLinkSummary { Kind = "payment_fingerprint", Value = Payment, Subjects = 4 },
            new CampaignLinkSummary { Kind = "payment_fingerprint", Value = SecondPayment, Subjects = 3 },
            new CampaignLinkSummary { Kind = "payment_fingerprint", Value = LookalikePayment, Subjects = 2 },
            new CampaignLinkSummary { Kind = "client_fingerprint", Value = Tls, Subjects = 6 },
            new CampaignLinkSummary { Kind = "email_domain", Value = EmailDomain, Subjects = 6 },
            new CampaignLinkSummary { Kind = "proxy_address", Value = ProxyA, Subjects = 3 },
            new CampaignLinkSummary { Kind = "proxy_address", Value = ProxyB, Subjects = 4 },
            new CampaignLinkSummary { Kind = "proxy_address", Value = ProxyV6, Subjects = 3 },
            new CampaignLinkSummary { Kind = "prompt_template", Value = Skeleton, Subjects = 5 },
            new CampaignLinkSummary { Kind = "signup_burst", Value = "2026-11-19T08", Subjects = 6 },
        ],
        Summary = $"8 accounts tied by payment {Payment}; top evidence: \"{TemplateText}\"",
    };

    public static IReadOnlyList<SubjectFinding> Subjects() =>
    [
        .. HydraAccounts.Select((a, i) => new SubjectFinding
        {
            AccountId = a,
            Verdict = i < 4 ? Verdict.Distillation : Verdict.Suspicious,
            Score = i < 4 ? 0.95 : 0.7,
            CampaignId = CampaignId,
            Exchanges = 100 + i,
            FirstFlaggedAt = Now.AddDays(-3).AddHours(i),
            Signals =
            [
                new SignalResult { Name = "reasoning_elicitation", Value = 0.9, Contribution = 2.1, Evidence = $"\"{TemplateText}\"" },
                new SignalResult { Name = "templated_harvest", Value = 0.8, Contribution = 1.5, Evidence = "one template in 92% of prompts" },
                new SignalResult { Name = "automation", Value = 0.2, Contribution = 0.1, Evidence = "regular gaps" },
            ],
        }),
        new SubjectFinding
        {
            AccountId = BenignMember,
            Verdict = Verdict.Benign,
            Score = 0.2,
            CampaignId = CampaignId,
            Exchanges = 5000,
            Signals = [new SignalResult { Name = "lookalike_only_signal", Value = 0.99, Contribution = 1, Evidence = "x" }],
        },
        new SubjectFinding
        {
            AccountId = OtherCampaignMember,
            Verdict = Verdict.Distillation,
            Score = 0.9,
            CampaignId = "cmp_0009",
            Exchanges = 7000,
            Signals = [new SignalResult { Name = "drifted_only_signal", Value = 0.99, Contribution = 1, Evidence = "y" }],
        },
        new SubjectFinding
        {
            AccountId = InnocentCustomer,
            Verdict = Verdict.Benign,
            Score = 0.01,
            Exchanges = 90000,
            Signals = [new SignalResult { Name = "innocent_only_signal", Value = 0.99, Contribution = 1, Evidence = "z" }],
        },
    ];

    public static StixIdentity Producer(TimeProvider time) =>
        CampaignBundleBuilder.CreateProducerIdentity("Example AI", new StixIdGenerator(new Random(7)), time);

    public static CampaignExportRequest Request(TimeProvider time, TrafficLightProtocol? tlp = null, double score = 0.93) => new()
    {
        Campaign = Campaign(score),
        Subjects = Subjects(),
        Producer = Producer(time),
        Tlp = tlp,
        TemplateTokens = new Dictionary<string, IReadOnlySet<ulong>> { [Skeleton] = TemplateTokenizer.TokenHashes(TemplateText) },
    };

    public static CampaignBundleBuilder Builder(TimeProvider time, SharingPolicy? policy = null, int seed = 42) =>
        new(policy ?? new SharingPolicy(), KeyRing(time), new StixIdGenerator(new Random(seed)), time);

    public static StixBundle Export(SharingPolicy? policy = null, TrafficLightProtocol? tlp = null)
    {
        var time = Time();
        return Builder(time, policy).Build(Request(time, tlp));
    }
}
