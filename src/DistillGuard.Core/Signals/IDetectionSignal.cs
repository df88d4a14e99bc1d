using DistillGuard.Core.State;

namespace DistillGuard.Core.Signals;

/// <summary>
/// One measured behaviour of a subject: a named, pluggable strategy that reads a subject's state and answers a value
/// in [0, 1] and, when asked, evidence that quotes what it saw.
/// </summary>
public interface IDetectionSignal
{
    /// <summary>Gets the signal's name as it appears in findings, for example <c>reasoning_elicitation</c>.</summary>
    string Name { get; }

    /// <summary>Gets the signal's weight in the score's log-odds.</summary>
    double Weight { get; }

    /// <summary>
    /// Gets whether the signal measures a subject's pooled traffic. On a multi-tenant account (a router or an app) such
    /// a signal counts only <see cref="Scoring.ScoringOptions.MultiTenantWeight"/>: its traffic is its users' traffic,
    /// and its users are judged apart. A signal that measures the account's users themselves answers false.
    /// </summary>
    bool MeasuresPooledTraffic => true;

    /// <summary>Measures the signal on a state. Called on every exchange: must not allocate.</summary>
    double Measure(SubjectState state, in SignalContext context);

    /// <summary>Describes what the signal saw, for an analyst.</summary>
    string Explain(SubjectState state, double value);
}
