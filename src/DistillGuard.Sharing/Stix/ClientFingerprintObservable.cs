using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>
/// The custom cyber-observable <c>x-llm-client-fingerprint</c>: a pseudonymised attribute of an LLM API client
/// (payment method, TLS client, e-mail domain, proxy prefix or prompt-template band).
/// </summary>
/// <remarks>
/// Declared by the <see cref="DistillGuardVocabulary.FingerprintExtension"/> extension definition (<c>new-sco</c>);
/// its id is a UUIDv5 over <c>fingerprint_type</c> and <c>value</c>, so every producer names the same fingerprint the same way.
/// <see cref="Value"/> is never the raw attribute: it is an HMAC-SHA256 under the trust group's key of epoch
/// <see cref="KeyEpoch"/> (see <see cref="Pseudonymisation.PseudonymKeyRing"/>).
/// </remarks>
public sealed record ClientFingerprintObservable : StixObject
{
    /// <summary>The type name.</summary>
    public const string TypeName = DistillGuardVocabulary.FingerprintObservableType;

    /// <inheritdoc />
    protected override string DeclaredType => TypeName;

    /// <summary>Gets the kind of attribute: <c>payment</c>, <c>tls</c>, <c>email_domain</c>, <c>proxy_prefix</c> or <c>prompt_template</c>.</summary>
    [JsonPropertyName("fingerprint_type")]
    public required string FingerprintType { get; init; }

    /// <summary>Gets the pseudonym: lower-case hex HMAC-SHA256.</summary>
    [JsonPropertyName("value")]
    public required string Value { get; init; }

    /// <summary>Gets the epoch of the trust-group key the pseudonym was made with.</summary>
    [JsonPropertyName("key_epoch")]
    public required int KeyEpoch { get; init; }

    /// <summary>Gets the ids of the marking definitions that apply to the object.</summary>
    [JsonPropertyName("object_marking_refs")]
    public IReadOnlyList<string>? ObjectMarkingRefs { get; init; }

    /// <summary>Gets the extensions; for this type they must name <see cref="DistillGuardVocabulary.FingerprintExtensionId"/>.</summary>
    [JsonPropertyName("extensions")]
    public IReadOnlyDictionary<string, JsonElement>? Extensions { get; init; }

    /// <summary>Creates the observable of a pseudonymised fingerprint, with its deterministic id and its extension declared.</summary>
    /// <param name="fingerprint">The pseudonymised fingerprint.</param>
    /// <param name="markingRefs">The marking definitions that apply, or <see langword="null"/>.</param>
    /// <returns>The observable.</returns>
    public static ClientFingerprintObservable Create(Pseudonymisation.ClientFingerprint fingerprint, IReadOnlyList<string>? markingRefs)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var type = Pseudonymisation.FingerprintTypeNames.Name(fingerprint.Type);
        return new ClientFingerprintObservable
        {
            Id = IdFor(type, fingerprint.Value),
            FingerprintType = type,
            Value = fingerprint.Value,
            KeyEpoch = fingerprint.KeyEpoch,
            ObjectMarkingRefs = markingRefs,
            Extensions = DistillGuardVocabulary.FingerprintExtensionDeclaration,
        };
    }

    /// <summary>Gets the deterministic id of a fingerprint: UUIDv5 in the STIX namespace over its id-contributing properties.</summary>
    /// <param name="fingerprintType">The <c>fingerprint_type</c>.</param>
    /// <param name="value">The <c>value</c>.</param>
    /// <returns>The id, <c>x-llm-client-fingerprint--…</c>.</returns>
    public static string IdFor(string fingerprintType, string value) =>
        StixIdentifier.ForObservable(TypeName, [new("fingerprint_type", fingerprintType), new("value", value)]);
}
