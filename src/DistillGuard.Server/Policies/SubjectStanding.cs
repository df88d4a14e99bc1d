using DistillGuard.Core.Findings;

namespace DistillGuard.Server.Policies;

/// <summary>What a policy judges a subject by: its verdict, score, campaign and signal values, at one moment.</summary>
/// <param name="Key">The subject.</param>
/// <param name="Verdict">Its verdict.</param>
/// <param name="Score">Its score.</param>
/// <param name="CampaignId">The campaign it belongs to, or null.</param>
/// <param name="Signals">Its signals' values by name, as of its last assessment (may be empty).</param>
internal sealed record SubjectStanding(SubjectKey Key, Verdict Verdict, double Score, string? CampaignId, IReadOnlyDictionary<string, double> Signals);
