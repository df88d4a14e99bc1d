using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>A decision from the console's dialog, on one or more subjects.</summary>
internal sealed record DecisionRequest
{
    public required IReadOnlyList<SubjectKey> Subjects { get; init; }

    public required EnforcementAction Action { get; init; }

    public required DecisionScope Scope { get; init; }

    public required DecisionReason Reason { get; init; }

    public string? Note { get; init; }

    public required TimeSpan Lifetime { get; init; }

    public CaseLabel? Label { get; init; }
}
