using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>One subject of the review queue as the page shows it.</summary>
public sealed record QueueRow
{
    /// <summary>Gets the subject.</summary>
    public required SubjectKey Key { get; init; }

    /// <summary>Gets the score in [0, 1].</summary>
    public required double Score { get; init; }

    /// <summary>Gets the verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Gets the campaign, or null.</summary>
    public string? CampaignId { get; init; }

    /// <summary>Gets the three signals contributing most, each with its evidence.</summary>
    public required IReadOnlyList<SignalResult> Reasons { get; init; }

    /// <summary>Gets the exchanges observed in the window.</summary>
    public required long Exchanges { get; init; }

    /// <summary>Gets the output tokens served, when known.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets when the subject was first seen.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Gets when the subject was last seen.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Gets the action taken on its requests now.</summary>
    public required EnforcementAction Action { get; init; }

    /// <summary>Gets where the action comes from: <c>policy</c> (a rule), <c>override</c> (the API) or <c>analyst</c> (a console decision).</summary>
    public required string ActionSource { get; init; }

    /// <summary>Gets the case status.</summary>
    public required CaseStatus Status { get; init; }

    /// <summary>Gets who claimed the case, or null.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>Gets the subject as the console writes it in URLs and forms.</summary>
    public string Token => AnalystConsole.SubjectToken.Of(Key);
}
