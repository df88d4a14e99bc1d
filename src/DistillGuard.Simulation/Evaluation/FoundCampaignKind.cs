using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>What detection reported as a group of subjects acting together (<see cref="FindingsCampaignMetrics.Kind"/>), written <c>campaign</c> or <c>account</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FoundCampaignKind>))]
public enum FoundCampaignKind
{
    /// <summary>A campaign of the findings (<c>campaign_id</c>), with the end users behind its accounts.</summary>
    [JsonStringEnumMemberName("campaign")]
    Campaign = 0,

    /// <summary>
    /// An account flagged <c>suspicious</c> or worse, in no campaign, with end users in the findings: one verdict covers
    /// them all, so detection has judged them together (an attacker-run reseller is found this way).
    /// </summary>
    [JsonStringEnumMemberName("account")]
    Account = 1,
}
