using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;

namespace DistillGuard.ServiceBench;

/// <summary>What one batch pass did, and the engine it left (for picking subjects).</summary>
/// <param name="Elapsed">From the first read to the last observation.</param>
/// <param name="Accepted">Exchanges the sequencer released.</param>
/// <param name="Rejected">Lines the reader rejected.</param>
/// <param name="Duplicates">Exchanges the sequencer dropped as duplicates.</param>
/// <param name="Engine">The engine, with everything observed.</param>
/// <param name="Lines">Lines read.</param>
/// <param name="Activity">What the process did during the pass (GC, CPU).</param>
public sealed record BatchDetectionRun(TimeSpan Elapsed, long Accepted, long Rejected, long Duplicates, DetectionEngine Engine, long Lines, ProcessActivity Activity)
{
    /// <summary>Gets the exchanges per second.</summary>
    public double PerSecond => Accepted / Elapsed.TotalSeconds;

    /// <summary>Gets the findings of the run (outside the timing).</summary>
    public FindingsDocument Findings() => Engine.GetFindings(
        new InputSummary { Lines = Lines, Accepted = Accepted, Rejected = Rejected, Duplicates = Duplicates },
        Engine.Now);
}
