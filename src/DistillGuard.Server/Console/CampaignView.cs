using DistillGuard.Core.Findings;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>What the campaign page shows.</summary>
public sealed record CampaignView
{
    /// <summary>Gets the campaign as the engine describes it.</summary>
    public required CampaignFinding Finding { get; init; }

    /// <summary>Gets the members, by score.</summary>
    public required IReadOnlyList<QueueRow> Members { get; init; }

    /// <summary>Gets, per member account, the kinds of the shared values that tie it.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> TiesByAccount { get; init; }

    /// <summary>Gets the link graph's data for the page's script (JSON: nodes and edges).</summary>
    public required string GraphJson { get; init; }

    /// <summary>Gets the timeline's data for the page's script (JSON).</summary>
    public required string TimelineJson { get; init; }

    /// <summary>Gets the address of the campaign's HTML dossier in the console (the session's cookie opens it; the API's copy needs a bearer key).</summary>
    public required string DossierUrl { get; init; }

    /// <summary>Gets the token of a member, the subject the campaign-wide decision is made through.</summary>
    public required string AnyMemberToken { get; init; }
}
