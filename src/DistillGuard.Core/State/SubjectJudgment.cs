using DistillGuard.Core.Findings;

namespace DistillGuard.Core.State;

/// <summary>
/// A subject's judgment as of its last re-scoring, immutable, for readers outside the engine (a service deciding on a
/// request): the engine publishes a new one whenever the score, verdict or campaign changes, and a reader holds one
/// whole judgment, never a mix of two.
/// </summary>
/// <param name="Score">The subject's score in [0, 1].</param>
/// <param name="Verdict">The subject's verdict.</param>
/// <param name="CampaignId">The campaign the subject belongs to, or null.</param>
/// <param name="Signals">Each signal's value as of the subject's last explanation, where someone explains it (a
/// service whose policies look at signals); null otherwise.</param>
public sealed record SubjectJudgment(double Score, Verdict Verdict, string? CampaignId, IReadOnlyDictionary<string, double>? Signals);
