using DistillGuard.Core.Findings;

namespace DistillGuard.Server.Dossier;

/// <summary>One member of a campaign as the dossier shows it: its finding, its decision and the values it shares.</summary>
internal sealed record DossierMember
{
    /// <summary>Gets the subject as the API names it (<c>account</c> or <c>account/end_user</c>).</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Gets the score.</summary>
    public required double Score { get; init; }

    /// <summary>Gets the exchanges the engine counted.</summary>
    public required long Exchanges { get; init; }

    /// <summary>Gets the visible output tokens served, when the engine counted them.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets when it was first flagged suspicious or worse.</summary>
    public DateTimeOffset? FirstFlaggedAt { get; init; }

    /// <summary>Gets when it was first judged distillation.</summary>
    public DateTimeOffset? FirstDistillationAt { get; init; }

    /// <summary>Gets the action a decision for it answers now (allow, degrade, throttle, challenge, block).</summary>
    public required string Action { get; init; }

    /// <summary>Gets why, one line each, as the decision API gives them.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>Gets the analyst's override set on this subject itself, if one is active.</summary>
    public DossierOverride? Override { get; init; }

    /// <summary>Gets its three strongest signals.</summary>
    public required IReadOnlyList<SignalResult> TopSignals { get; init; }

    /// <summary>Gets the indexes into <see cref="DossierDocument.Links"/> of the values it holds.</summary>
    public required IReadOnlyList<int> Links { get; init; }
}
