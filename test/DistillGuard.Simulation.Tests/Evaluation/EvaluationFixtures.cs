using DistillGuard.Core.Findings;

namespace DistillGuard.Simulation.Tests.Evaluation;

/// <summary>Hand-built findings and labels.</summary>
internal static class EvaluationFixtures
{
    public static FindingsDocument Document(params SubjectFinding[] subjects) => Document(subjects, []);

    public static FindingsDocument Document(IReadOnlyList<SubjectFinding> subjects, IReadOnlyList<CampaignFinding> campaigns) => new()
    {
        GeneratedAt = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero),
        Input = new InputSummary { Lines = 0, Accepted = 0, Rejected = 0, Duplicates = 0 },
        Subjects = subjects,
        Campaigns = campaigns,
    };

    public static SubjectFinding Finding(
        string account,
        Verdict verdict,
        string? endUser = null,
        string? campaign = null,
        long exchanges = 100,
        long? exchangesBeforeFlag = null,
        SubjectHarvest? harvest = null) => new()
    {
        AccountId = account,
        EndUserId = endUser,
        Verdict = verdict,
        Score = verdict switch
        {
            Verdict.Distillation => 0.95,
            Verdict.Suspicious => 0.6,
            _ => 0.05,
        },
        CampaignId = campaign,
        Exchanges = exchanges,
        ExchangesBeforeFlag = verdict == Verdict.Benign ? null : exchangesBeforeFlag,
        FirstFlaggedAt = verdict == Verdict.Benign ? null : new DateTimeOffset(2026, 11, 3, 4, 12, 0, TimeSpan.Zero),
        Harvest = harvest,
        Signals = [],
    };

    public static SubjectLabel Attacker(string account, string? campaign = null, string? endUser = null) => new()
    {
        AccountId = account,
        EndUserId = endUser,
        Label = SubjectLabel.Distillation,
        Campaign = campaign,
    };

    public static SubjectLabel Benign(string account, string? population = null, string? endUser = null) => new()
    {
        AccountId = account,
        EndUserId = endUser,
        Label = SubjectLabel.Benign,
        Population = population,
    };

    public static CampaignFinding Campaign(string id) => new()
    {
        Id = id,
        Score = 0.9,
        Subjects = [],
        Links = [],
        Summary = "hand-built",
    };
}
