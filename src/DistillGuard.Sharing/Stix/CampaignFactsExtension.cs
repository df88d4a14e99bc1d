using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>The campaign facts that DistillGuard carries in a <c>campaign</c>'s extensions (<see cref="DistillGuardVocabulary.CampaignFactsExtensionId"/>).</summary>
public sealed record CampaignFactsExtension
{
    /// <summary>Gets the extension type, always <c>property-extension</c>.</summary>
    [JsonPropertyName("extension_type")]
    [JsonPropertyOrder(-1)]
    public string ExtensionType { get; init; } = StixExtensionDefinition.PropertyExtension;

    /// <summary>Gets the campaign's score in [0, 1].</summary>
    [JsonPropertyName("score")]
    public required double Score { get; init; }

    /// <summary>Gets the campaign's verdict: <c>distillation</c> or <c>suspicious</c>.</summary>
    [JsonPropertyName("verdict")]
    public required string Verdict { get; init; }

    /// <summary>Gets how many accounts were judged part of the campaign.</summary>
    [JsonPropertyName("subjects")]
    public required int Subjects { get; init; }

    /// <summary>Gets how many exchanges those accounts made.</summary>
    [JsonPropertyName("exchanges")]
    public required long Exchanges { get; init; }

    /// <summary>Gets the names of the signals that fired, strongest first.</summary>
    [JsonPropertyName("signals")]
    public IReadOnlyList<string>? Signals { get; init; }

    /// <summary>Gets the kinds of links that tie the accounts.</summary>
    [JsonPropertyName("link_kinds")]
    public IReadOnlyList<string>? LinkKinds { get; init; }

    /// <summary>Writes the facts as the value of the campaign's extension entry.</summary>
    /// <returns>The JSON element.</returns>
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(this, StixJsonContext.Stix.CampaignFactsExtension);

    /// <summary>Reads the facts from a campaign's extensions.</summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="facts">The facts.</param>
    /// <returns>Whether the campaign carries well-formed DistillGuard campaign facts.</returns>
    public static bool TryRead(StixCampaign campaign, [NotNullWhen(true)] out CampaignFactsExtension? facts)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        facts = null;
        if (campaign.Extensions?.TryGetValue(DistillGuardVocabulary.CampaignFactsExtensionId, out var element) != true)
        {
            return false;
        }

        try
        {
            facts = element.Deserialize(StixJsonContext.Stix.CampaignFactsExtension);
            return facts is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
