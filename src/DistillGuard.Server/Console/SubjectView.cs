using DistillGuard.Core.Findings;
using DistillGuard.Core.Policies;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>What the subject page shows.</summary>
public sealed record SubjectView
{
    /// <summary>Gets the subject as the engine describes it.</summary>
    public required SubjectFinding Finding { get; init; }

    /// <summary>Gets the subject's token in URLs.</summary>
    public required string Token { get; init; }

    /// <summary>Gets when it was first seen.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Gets when it was last seen.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Gets the action on its requests now.</summary>
    public required EnforcementAction Action { get; init; }

    /// <summary>Gets where the action comes from.</summary>
    public required string ActionSource { get; init; }

    /// <summary>Gets the decision's reasons, as <c>GET /v1/subjects</c> gives them.</summary>
    public required IReadOnlyList<string> DecisionReasons { get; init; }

    /// <summary>Gets the subject's own active override, or null.</summary>
    public OverrideRecord? Override { get; init; }

    /// <summary>Gets the active override of its account (for an end user), or null.</summary>
    public OverrideRecord? AccountOverride { get; init; }

    /// <summary>Gets the case, or null while it is open.</summary>
    public CaseRecord? Case { get; init; }

    /// <summary>Gets the end users behind the account (for an account), by score.</summary>
    public IReadOnlyList<(string Token, string Name, double Score)> EndUsers { get; init; } = [];

    /// <summary>Gets the timeline's data for the page's script (JSON).</summary>
    public required string TimelineJson { get; init; }
}
