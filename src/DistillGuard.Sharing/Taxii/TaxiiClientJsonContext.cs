using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Taxii;

/// <summary>The TAXII resources the client reads, source-generated.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaxiiDiscovery))]
[JsonSerializable(typeof(TaxiiApiRootInfo))]
[JsonSerializable(typeof(TaxiiCollections))]
[JsonSerializable(typeof(TaxiiCollectionInfo))]
[JsonSerializable(typeof(TaxiiEnvelope))]
[JsonSerializable(typeof(TaxiiStatus))]
[JsonSerializable(typeof(TaxiiError))]
internal sealed partial class TaxiiClientJsonContext : JsonSerializerContext;
