namespace DistillGuard.Core.Findings;

/// <summary>The combined judgment of a subject, in increasing order of severity.</summary>
public enum Verdict
{
    /// <summary>Nothing worth a look (<c>benign</c>).</summary>
    Benign = 0,

    /// <summary>Worth an analyst's look, no enforcement (<c>suspicious</c>).</summary>
    Suspicious = 1,

    /// <summary>Enough evidence to enforce (<c>distillation</c>).</summary>
    Distillation = 2,
}
