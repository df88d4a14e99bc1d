namespace DistillGuard.Core.State;

/// <summary>
/// The subject's published judgment, for readers outside the engine. The engine owns the mutable fields (score,
/// verdict, campaign) and publishes a fresh immutable <see cref="SubjectJudgment"/> after changing them; a reader on
/// another thread reads one reference and sees a consistent judgment, at most one re-scoring behind.
/// </summary>
public sealed partial class SubjectState
{
    private SubjectJudgment? _judgment;

    /// <summary>Gets the subject's judgment as last published, or null before its first scoring.</summary>
    public SubjectJudgment? Judgment => Volatile.Read(ref _judgment);

    /// <summary>
    /// Publishes the signal values of an explanation of this subject with its current judgment. Call it where the
    /// engine's state is not changing (under the lock that serialises the engine's updates).
    /// </summary>
    /// <param name="signals">Each signal's value.</param>
    public void PublishSignals(IReadOnlyDictionary<string, double> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        Volatile.Write(ref _judgment, new SubjectJudgment(Score, Verdict, CampaignId, signals));
    }

    /// <summary>
    /// Publishes the judgment after the engine changed the score, verdict or campaign (a no-op when none changed),
    /// keeping the signal values last published.
    /// </summary>
    internal void PublishJudgment()
    {
        var previous = _judgment;
        if (previous is not null && previous.Score.Equals(Score) && previous.Verdict == Verdict && string.Equals(previous.CampaignId, CampaignId, StringComparison.Ordinal))
        {
            return;
        }

        Volatile.Write(ref _judgment, new SubjectJudgment(Score, Verdict, CampaignId, previous?.Signals));
    }
}
