using DistillGuard.Core.Findings;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Export;

/// <summary>What to export: a campaign as the engine found it, with its members' findings.</summary>
public sealed record CampaignExportRequest
{
    /// <summary>Gets the campaign. Its <see cref="CampaignFinding.Summary"/> is never exported: it may quote prompts.</summary>
    public required CampaignFinding Campaign { get; init; }

    /// <summary>Gets the findings of the subjects; only those of members judged part of the campaign are read.</summary>
    public required IReadOnlyList<SubjectFinding> Subjects { get; init; }

    /// <summary>Gets the producer's identity (<see cref="CampaignBundleBuilder.CreateProducerIdentity"/>); keep it across exports.</summary>
    public required StixIdentity Producer { get; init; }

    /// <summary>Gets the TLP level, or <see langword="null"/> for <see cref="SharingPolicy.DefaultTlp"/>.</summary>
    public TrafficLightProtocol? Tlp { get; init; }

    /// <summary>Gets when the campaign was first active, or <see langword="null"/> for the earliest time a member was flagged.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Gets when the campaign was last active, or <see langword="null"/> for the time of export.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>
    /// Gets the word-token hashes (<see cref="Pseudonymisation.TemplateTokenizer"/>) of each prompt template the campaign
    /// shares, keyed by the <c>prompt_template</c> link value, so that a paraphrase matches at the peer. A template link
    /// without an entry is fingerprinted from its skeleton key alone, which matches the same skeleton only.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<ulong>>? TemplateTokens { get; init; }
}
