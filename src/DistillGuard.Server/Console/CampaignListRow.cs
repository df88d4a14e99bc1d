namespace DistillGuard.Server.AnalystConsole;

/// <summary>One campaign of the campaign list.</summary>
/// <param name="Id">The campaign's id.</param>
/// <param name="Members">How many member accounts it has.</param>
/// <param name="Score">Its score.</param>
/// <param name="Ties">The kinds of the values that tie it, with how many of each.</param>
/// <param name="Enforced">How many members have an action other than allow now.</param>
/// <param name="Summary">The engine's one-paragraph summary.</param>
public sealed record CampaignListRow(string Id, int Members, double Score, string Ties, int Enforced, string Summary);
