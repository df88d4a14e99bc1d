using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>The source-generated serialisation of the STIX model.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(StixTimestampConverter)])]
[JsonSerializable(typeof(StixBundle))]
[JsonSerializable(typeof(StixObject))]
[JsonSerializable(typeof(StixIdentity))]
[JsonSerializable(typeof(StixCampaign))]
[JsonSerializable(typeof(StixInfrastructure))]
[JsonSerializable(typeof(StixIndicator))]
[JsonSerializable(typeof(StixRelationship))]
[JsonSerializable(typeof(StixObservedData))]
[JsonSerializable(typeof(StixSighting))]
[JsonSerializable(typeof(StixMarkingDefinition))]
[JsonSerializable(typeof(StixExtensionDefinition))]
[JsonSerializable(typeof(ClientFingerprintObservable))]
[JsonSerializable(typeof(CampaignFactsExtension))]
internal sealed partial class StixJsonContext : JsonSerializerContext
{
    /// <summary>Gets the context STIX is written with.</summary>
    /// <remarks>
    /// Escaping is relaxed: STIX travels as JSON documents, never inside HTML, and a peer should read
    /// <c>TLP:AMBER+STRICT</c>, not <c>TLP:AMBER\u002BSTRICT</c>.
    /// </remarks>
    public static StixJsonContext Stix => LazyStix.Value;

    /// <summary>Gets <see cref="Stix"/> with indentation.</summary>
    public static StixJsonContext Indented => LazyIndented.Value;

    // Lazy: the generated Default is initialised in another part of this class, in an order C# does not fix.
    private static readonly Lazy<StixJsonContext> LazyStix = new(() => Create(indented: false));
    private static readonly Lazy<StixJsonContext> LazyIndented = new(() => Create(indented: true));

    private static StixJsonContext Create(bool indented) =>
        new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = indented });
}
