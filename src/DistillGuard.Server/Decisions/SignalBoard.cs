using System.Collections.Concurrent;
using System.Collections.Frozen;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Policies;

namespace DistillGuard.Server.Decisions;

/// <summary>
/// Keeps each subject's signal values current for policies that look at signals: after a batch is observed, the
/// subjects it touched are re-explained on the engine's own re-scoring schedule (every exchange at first, then about
/// 32 times per doubling), so the cost stays a small fraction of observing.
/// </summary>
internal sealed class SignalBoard
{
    private static readonly IReadOnlyDictionary<string, double> None = FrozenDictionary<string, double>.Empty;
    private readonly ConcurrentDictionary<SubjectKey, IReadOnlyDictionary<string, double>> _values = new();

    public SignalBoard(EngineHost host, PolicyEvaluator policy)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.UsesSignals)
        {
            host.Observed += Refresh;
        }
    }

    /// <summary>Gets a subject's signal values as of its last assessment.</summary>
    public IReadOnlyDictionary<string, double> Get(SubjectKey key) => _values.GetValueOrDefault(key, None);

    private static bool Due(long exchanges) => exchanges <= 64 || exchanges % Math.Max(1, exchanges / 32) == 0;

    private void Refresh(DetectionEngine engine, IReadOnlyCollection<SubjectKey> touched)
    {
        foreach (var key in touched)
        {
            if (engine.GetSubject(key) is { } state && (Due(state.Exchanges) || !_values.ContainsKey(key))
                && engine.DescribeSubject(key) is { } finding)
            {
                _values[key] = finding.Signals.ToFrozenDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
            }
        }
    }
}
