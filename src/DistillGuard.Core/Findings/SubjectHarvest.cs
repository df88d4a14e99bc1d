namespace DistillGuard.Core.Findings;

/// <summary>
/// What a subject was served, and how much of it before detection first flagged it and first judged it
/// <c>distillation</c>, counted in stream order (the optional harvest fields of a <c>subjects[]</c> entry).
/// </summary>
/// <remarks>
/// <para>
/// Output tokens are visible output tokens: <c>completion_tokens</c> minus <c>reasoning_tokens</c> of each exchange
/// (never below zero; an exchange without usage counts none), the text a harvester gets to train on. A count
/// "before" a verdict includes the exchange at which the verdict was reached: it was served before the verdict.
/// </para>
/// <para>
/// For an end user, the <c>Account</c> counts say how much of the end user's traffic had been served when its account was
/// first flagged and first judged <c>distillation</c>, since a verdict on the account covers every end user behind it;
/// they are <see langword="null"/> for accounts and while the account has no such verdict.
/// </para>
/// </remarks>
public sealed record SubjectHarvest
{
    /// <summary>Gets the visible output tokens served to the subject.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>Gets the visible output tokens served when the subject was first flagged, or <see langword="null"/> when never flagged.</summary>
    public long? OutputTokensBeforeFlag { get; init; }

    /// <summary>Gets when, in stream order, the subject was first judged <c>distillation</c>, or <see langword="null"/> when never.</summary>
    public DateTimeOffset? FirstDistillationAt { get; init; }

    /// <summary>Gets how many of the subject's exchanges had been seen when it was first judged <c>distillation</c>.</summary>
    public long? ExchangesBeforeDistillation { get; init; }

    /// <summary>Gets the visible output tokens served when the subject was first judged <c>distillation</c>.</summary>
    public long? OutputTokensBeforeDistillation { get; init; }

    /// <summary>Gets, for an end user, how many of its exchanges had been seen when its account was first flagged.</summary>
    public long? ExchangesBeforeAccountFlag { get; init; }

    /// <summary>Gets, for an end user, the visible output tokens served to it when its account was first flagged.</summary>
    public long? OutputTokensBeforeAccountFlag { get; init; }

    /// <summary>Gets, for an end user, how many of its exchanges had been seen when its account was first judged <c>distillation</c>.</summary>
    public long? ExchangesBeforeAccountDistillation { get; init; }

    /// <summary>Gets, for an end user, the visible output tokens served to it when its account was first judged <c>distillation</c>.</summary>
    public long? OutputTokensBeforeAccountDistillation { get; init; }
}
