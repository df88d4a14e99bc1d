using System.Diagnostics.Metrics;
using DistillGuard.Core.Policies;

namespace DistillGuard.Server.Observability;

/// <summary>
/// The service's instruments, named <c>distillguard.&lt;area&gt;.&lt;measure&gt;</c>: exchanges ingested, decisions
/// by action and their duration, the recording queue's depth and the subjects tracked. <c>/metrics</c> exports them
/// in Prometheus text through OpenTelemetry.
/// </summary>
internal sealed class DistillGuardMetrics
{
    /// <summary>The meter's name, which OpenTelemetry is told to export.</summary>
    public const string MeterName = "DistillGuard";

    /// <summary>
    /// Gets the decision-duration histogram's bucket boundaries, in milliseconds: a decision takes tens of microseconds,
    /// so the buckets resolve 10 µs steps below 0.1 ms and grow by about 2.5x up to a second (the exporters' defaults
    /// start at 5 ms, where every decision would fall in the first bucket).
    /// </summary>
    public static IReadOnlyList<double> DecisionBuckets { get; } =
        [0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000];

    private readonly Counter<long> _exchanges;
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _decisionDuration;
    private long _queueDepth;
    private long _subjects;

    public DistillGuardMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _exchanges = meter.CreateCounter<long>("distillguard.ingest.exchanges", "{exchange}", "Exchanges received, by outcome (accepted, duplicate, rejected).");
        _decisions = meter.CreateCounter<long>("distillguard.decisions", "{decision}", "Decisions made, by action.");
        _decisionDuration = meter.CreateHistogram<double>(
            "distillguard.decisions.duration",
            "ms",
            "Time to make a decision.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DecisionBuckets });
        meter.CreateObservableGauge("distillguard.ingest.queue_depth", () => Volatile.Read(ref _queueDepth), "{exchange}", "Exchanges waiting to be recorded.");
        meter.CreateObservableGauge("distillguard.engine.subjects", () => Volatile.Read(ref _subjects), "{subject}", "Subjects (accounts and end users) the engine tracks.");
    }

    public void Ingested(long accepted, long duplicates, long rejected)
    {
        if (accepted > 0)
        {
            _exchanges.Add(accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        }

        if (duplicates > 0)
        {
            _exchanges.Add(duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        }

        if (rejected > 0)
        {
            _exchanges.Add(rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
        }
    }

    public void Decided(EnforcementAction action, double milliseconds)
    {
        var tag = new KeyValuePair<string, object?>("action", ActionNames.Of(action));
        _decisions.Add(1, tag);
        _decisionDuration.Record(milliseconds, tag);
    }

    public void QueueChanged(long delta) => Interlocked.Add(ref _queueDepth, delta);

    public void SubjectsTracked(long subjects) => Volatile.Write(ref _subjects, subjects);
}
