using DistillGuard.Core.Findings;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>A label and the finding for the same subject, if there is one.</summary>
internal readonly record struct LabelledSubject(SubjectLabel Label, SubjectFinding? Finding)
{
    /// <summary>Gets whether the subject was judged <c>suspicious</c> or worse.</summary>
    public bool IsFlagged => Finding is { Verdict: >= Verdict.Suspicious };
}
