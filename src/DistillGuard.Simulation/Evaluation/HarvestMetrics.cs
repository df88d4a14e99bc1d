namespace DistillGuard.Simulation.Evaluation;

/// <summary>What one labelled campaign (or all attackers together) harvested before detection flagged and stopped its members.</summary>
/// <remarks>
/// A member counts as stopped at its first <c>distillation</c> verdict, or, for an end user, at its account's if that came
/// first (enforcement on the account covers its end users); it counts as flagged at its first <c>suspicious</c> verdict,
/// its account's, or when stopped, whichever came first. Output tokens are visible output tokens (completion minus
/// reasoning). Every exchange counts once: an account's counts leave out the end users behind it that carry a
/// <c>distillation</c> label of their own, which count for themselves.
/// </remarks>
public sealed record HarvestMetrics
{
    /// <summary>Gets the labelled campaign, or <see langword="null"/> for all labelled attackers together.</summary>
    public string? Campaign { get; init; }

    /// <summary>Gets the members (labelled attackers, with or without a finding).</summary>
    public required int Members { get; init; }

    /// <summary>Gets the exchanges served to the members.</summary>
    public required long Exchanges { get; init; }

    /// <summary>Gets the exchanges served before each member was flagged.</summary>
    public required long ExchangesBeforeFlag { get; init; }

    /// <summary>Gets the exchanges served before each member was stopped: what the operation harvested.</summary>
    public required long ExchangesBeforeDistillation { get; init; }

    /// <summary>Gets the visible output tokens served to the members.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>Gets the visible output tokens served before each member was flagged.</summary>
    public required long OutputTokensBeforeFlag { get; init; }

    /// <summary>Gets the visible output tokens served before each member was stopped.</summary>
    public required long OutputTokensBeforeDistillation { get; init; }

    /// <summary>Gets <see cref="ExchangesBeforeFlag"/> / <see cref="Exchanges"/>, or <see langword="null"/> without exchanges.</summary>
    public required double? ExchangeShareBeforeFlag { get; init; }

    /// <summary>Gets <see cref="ExchangesBeforeDistillation"/> / <see cref="Exchanges"/>, or <see langword="null"/> without exchanges.</summary>
    public required double? ExchangeShareBeforeDistillation { get; init; }

    /// <summary>Gets <see cref="OutputTokensBeforeFlag"/> / <see cref="OutputTokens"/>, or <see langword="null"/> without output tokens.</summary>
    public required double? TokenShareBeforeFlag { get; init; }

    /// <summary>
    /// Gets <see cref="OutputTokensBeforeDistillation"/> / <see cref="OutputTokens"/>, or <see langword="null"/> without
    /// output tokens: the share of what it was served that the operation kept (the bar <see cref="EvaluationThresholds.MaxHarvestShare"/>).
    /// </summary>
    public required double? TokenShareBeforeDistillation { get; init; }

    /// <summary>Gets the members stopped by the end of the stream (accounts and end users the operator must replace).</summary>
    public required int Burned { get; init; }

    /// <summary>
    /// Gets <see cref="Burned"/> per 10,000 of <see cref="ExchangesBeforeDistillation"/>: what each 10,000 harvested
    /// exchanges cost the operator, or <see langword="null"/> when nothing was harvested.
    /// </summary>
    public required double? BurnedPerTenThousandExchanges { get; init; }
}
