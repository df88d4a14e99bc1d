using System.Collections.Frozen;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Policies;

namespace DistillGuard.Server.Decisions;

/// <summary>
/// Keeps each subject's signal values current in its published judgment, for policies that look at signals: after a
/// batch is observed, the subjects it touched are re-explained on the engine's own re-scoring schedule (every exchange
/// at first, then about 32 times per doubling), so the cost stays a small fraction of observing. Without such a
/// policy it does nothing.
/// </summary>
internal sealed class SignalBoard
{
    public SignalBoard(EngineHost host, PolicyEvaluator policy)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.UsesSignals)
        {
            host.Observed += Refresh;
        }
    }

    private static bool Due(long exchanges) => exchanges <= 64 || exchanges % Math.Max(1, exchanges / 32) == 0;

    /// <summary>Runs under the engine's gate, after a batch (or the restore) was observed.</summary>
    private static void Refresh(DetectionEngine engine, IReadOnlyCollection<SubjectKey> touched)
    {
        foreach (var key in touched)
        {
            if (engine.GetSubject(key) is { } state && (Due(state.Exchanges) || state.Judgment?.Signals is null)
                && engine.DescribeSubject(key) is { } finding)
            {
                state.PublishSignals(finding.Signals.ToFrozenDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal));
            }
        }
    }
}
