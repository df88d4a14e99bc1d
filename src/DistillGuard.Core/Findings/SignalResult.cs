namespace DistillGuard.Core.Findings;

/// <summary>One signal's measurement of a subject and what it contributed to the score.</summary>
public sealed record SignalResult
{
    /// <summary>Gets the signal's name, for example <c>reasoning_elicitation</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the measured value in [0, 1].</summary>
    public required double Value { get; init; }

    /// <summary>Gets the contribution to the subject's score.</summary>
    public required double Contribution { get; init; }

    /// <summary>Gets human-readable evidence quoting what was seen.</summary>
    public required string Evidence { get; init; }
}
