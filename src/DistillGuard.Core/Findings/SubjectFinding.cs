namespace DistillGuard.Core.Findings;

/// <summary>The verdict on one subject and the evidence behind it (a <c>subjects[]</c> entry of <c>dg-findings/1</c>).</summary>
public sealed record SubjectFinding
{
    /// <summary>Gets the billing account.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the end user, where this subject is an end user judged apart from its account.</summary>
    public string? EndUserId { get; init; }

    /// <summary>Gets the verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Gets the calibrated score in [0, 1].</summary>
    public required double Score { get; init; }

    /// <summary>Gets the campaign the subject belongs to, if any.</summary>
    public string? CampaignId { get; init; }

    /// <summary>Gets how many of the subject's exchanges were seen.</summary>
    public required long Exchanges { get; init; }

    /// <summary>Gets when, in stream order, the subject was first judged suspicious or worse.</summary>
    public DateTimeOffset? FirstFlaggedAt { get; init; }

    /// <summary>Gets how many of the subject's exchanges had been seen when it was first flagged.</summary>
    public long? ExchangesBeforeFlag { get; init; }

    /// <summary>
    /// Gets what the subject was served before it was flagged and judged <c>distillation</c>, or <see langword="null"/>
    /// when the document does not carry it (written by a detector that kept no such count).
    /// </summary>
    public SubjectHarvest? Harvest { get; init; }

    /// <summary>Gets the signals that explain the score.</summary>
    public required IReadOnlyList<SignalResult> Signals { get; init; }
}
