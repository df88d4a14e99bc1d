using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;

namespace DistillGuard.Cli.Detection;

/// <summary>The outcome of <see cref="DetectionPipeline.RunAsync"/>: the engine after the whole input, and the counts.</summary>
/// <param name="Engine">The engine, having observed every accepted exchange.</param>
/// <param name="Sequencer">The sequencer the exchanges went through (accepted, duplicates, late, first and last timestamps).</param>
/// <param name="Lines">The lines read, blank lines included.</param>
/// <param name="Rejected">The lines rejected as bad input.</param>
internal sealed record DetectionRun(DetectionEngine Engine, ExchangeSequencer Sequencer, long Lines, long Rejected)
{
    /// <summary>Gets the <c>input</c> object of the findings.</summary>
    public InputSummary Summary => new()
    {
        Lines = Lines,
        Accepted = Sequencer.Accepted,
        Rejected = Rejected,
        Duplicates = Sequencer.Duplicates,
        FirstTimestamp = Sequencer.FirstTimestamp,
        LastTimestamp = Sequencer.LastTimestamp,
    };

    /// <summary>Gets the exchanges that arrived later than the reorder window allows (observed anyway).</summary>
    public long Late => Sequencer.Late;

    /// <summary>Gets the findings of everything observed.</summary>
    /// <param name="generatedAt">When the document is generated.</param>
    /// <returns>The findings.</returns>
    public FindingsDocument GetFindings(DateTimeOffset generatedAt) => Engine.GetFindings(Summary, generatedAt);
}
