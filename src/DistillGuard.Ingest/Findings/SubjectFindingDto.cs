using System.Text.Json.Serialization;

namespace DistillGuard.Ingest.Findings;

/// <summary>The wire shape of a <c>subjects[]</c> entry.</summary>
internal sealed class SubjectFindingDto
{
    public string? AccountId { get; set; }

    public string? EndUserId { get; set; }

    public string? Verdict { get; set; }

    public double? Score { get; set; }

    public string? CampaignId { get; set; }

    public long? Exchanges { get; set; }

    public string? FirstFlaggedAt { get; set; }

    public long? ExchangesBeforeFlag { get; set; }

    // The optional harvest fields (SubjectHarvest): left out when null, so that a document without them reads the same.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstDistillationAt { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ExchangesBeforeDistillation { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OutputTokens { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OutputTokensBeforeFlag { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OutputTokensBeforeDistillation { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ExchangesBeforeAccountFlag { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OutputTokensBeforeAccountFlag { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ExchangesBeforeAccountDistillation { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OutputTokensBeforeAccountDistillation { get; set; }

    public List<SignalResultDto>? Signals { get; set; }
}
