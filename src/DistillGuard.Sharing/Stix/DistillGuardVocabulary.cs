using System.Text.Json;

namespace DistillGuard.Sharing.Stix;

/// <summary>DistillGuard's custom STIX vocabulary: the fixed objects that declare it, and their ids.</summary>
/// <remarks>
/// Custom content goes through STIX 2.1 extension definitions (§7.3), never bare <c>x_</c> properties: the
/// <c>x-llm-client-fingerprint</c> observable through a <c>new-sco</c> extension, the campaign facts through a
/// <c>property-extension</c>. The ids are fixed so that every DistillGuard deployment, and any tool that learns them,
/// recognises the vocabulary; the objects are public (<c>TLP:CLEAR</c>) and identical in every bundle.
/// </remarks>
public static class DistillGuardVocabulary
{
    /// <summary>The type of the custom observable.</summary>
    public const string FingerprintObservableType = "x-llm-client-fingerprint";

    /// <summary>The id of the extension definition that declares <see cref="FingerprintObservableType"/>.</summary>
    public const string FingerprintExtensionId = "extension-definition--c1cf1f78-67e3-4316-b350-575d6be7be15";

    /// <summary>The id of the extension definition of the campaign facts (<see cref="CampaignFactsExtension"/>).</summary>
    public const string CampaignFactsExtensionId = "extension-definition--5804aafc-f70b-4ce0-8f2c-c2d0197b957a";

    /// <summary>The id of the identity of the DistillGuard project, which created the extension definitions.</summary>
    public const string ProjectIdentityId = "identity--1ba302d0-c47e-41a1-b71d-72b274849269";

    /// <summary>The version of the vocabulary.</summary>
    public const string Version = "1.0.0";

    private static readonly DateTimeOffset Published = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] PublicMarking = [TlpMarkings.ClearId];

    /// <summary>Gets the <c>extensions</c> value every <c>x-llm-client-fingerprint</c> carries: the new-sco declaration.</summary>
    public static IReadOnlyDictionary<string, JsonElement> FingerprintExtensionDeclaration { get; } = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
    {
        [FingerprintExtensionId] = Parse("""{"extension_type":"new-sco"}"""),
    };

    /// <summary>Gets the identity of the DistillGuard project.</summary>
    public static StixIdentity ProjectIdentity { get; } = new()
    {
        Id = ProjectIdentityId,
        Created = Published,
        Modified = Published,
        Name = "DistillGuard project",
        Description = "Maintainers of the DistillGuard STIX vocabulary for sharing indicators of model-distillation campaigns.",
        IdentityClass = "organization",
        ObjectMarkingRefs = PublicMarking,
    };

    /// <summary>Gets the extension definition of the <c>x-llm-client-fingerprint</c> observable.</summary>
    public static StixExtensionDefinition FingerprintExtension { get; } = new()
    {
        Id = FingerprintExtensionId,
        CreatedByRef = ProjectIdentityId,
        Created = Published,
        Modified = Published,
        Name = "x-llm-client-fingerprint",
        Description = "A pseudonymised attribute of a client of an LLM API, shared between providers to recognise a model-distillation campaign without sharing customer data.",
        Schema = "Cyber-observable 'x-llm-client-fingerprint'. Properties: fingerprint_type (required; payment | tls | email_domain | proxy_prefix | prompt_template); "
            + "value (required; lower-case hex HMAC-SHA256, under the trust group's key of epoch key_epoch, of the UTF-8 text '<fingerprint_type>\\n<normalised value>'); "
            + "key_epoch (required; integer). Normalisation: trimmed and lower-cased; proxy addresses as their IPv4 /24 or IPv6 /64 prefix in CIDR form; "
            + "e-mail domains without the local part. A prompt_template fingerprint is one band of a locality-sensitive signature: MinHash of 64 functions "
            + "(DistillGuard.Core MinHashSignature, seed 0) over the hashes of the template's word tokens, 16 bands of 4 rows, value = HMAC of "
            + "'prompt_template\\n<band>:<band key as 16 hex digits>'; two templates match when any band matches. Id-contributing properties: fingerprint_type, value.",
        Version = Version,
        ExtensionTypes = [StixExtensionDefinition.NewSco],
        ObjectMarkingRefs = PublicMarking,
    };

    /// <summary>Gets the extension definition of the campaign facts carried in a <c>campaign</c>'s extensions.</summary>
    public static StixExtensionDefinition CampaignFactsExtension { get; } = new()
    {
        Id = CampaignFactsExtensionId,
        CreatedByRef = ProjectIdentityId,
        Created = Published,
        Modified = Published,
        Name = "distillguard-campaign-facts",
        Description = "What DistillGuard measured of a model-distillation campaign: its score, how many accounts took part, their exchanges, the signals that fired and the kinds of links that tie the accounts.",
        Schema = "Property-extension of 'campaign'. Properties: score (number in [0, 1]); verdict (distillation | suspicious); subjects (integer, accounts judged part of the campaign); "
            + "exchanges (integer, their exchanges); signals (list of DistillGuard signal names, strongest first); link_kinds (list: payment_fingerprint, client_fingerprint, "
            + "email_domain, proxy_address, prompt_template, signup_burst).",
        Version = Version,
        ExtensionTypes = [StixExtensionDefinition.PropertyExtension],
        ObjectMarkingRefs = PublicMarking,
    };

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
