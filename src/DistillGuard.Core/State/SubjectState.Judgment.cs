using DistillGuard.Core.Findings;

namespace DistillGuard.Core.State;

/// <summary>
/// The subject's current judgment, for readers outside the engine (a service deciding on a request). The engine writes
/// each of these whole (a double, an enum, a reference), so a reader on another thread sees the value before or after
/// an update, never a torn one.
/// </summary>
public sealed partial class SubjectState
{
    /// <summary>Gets the subject's current score in [0, 1].</summary>
    public double CurrentScore => Volatile.Read(ref Score);

    /// <summary>Gets the subject's current verdict.</summary>
    public Verdict CurrentVerdict => Verdict;

    /// <summary>Gets the campaign the subject belongs to, or null.</summary>
    public string? CurrentCampaignId => Volatile.Read(ref CampaignId);
}
