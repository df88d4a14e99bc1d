using System.Text.Json.Serialization;

namespace DistillGuard.Server.Taxii;

/// <summary>The TAXII resources' JSON, source-generated, with the spec's snake_case names and optional members omitted when absent.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaxiiDiscoveryDto))]
[JsonSerializable(typeof(TaxiiApiRootDto))]
[JsonSerializable(typeof(TaxiiCollectionsDto))]
[JsonSerializable(typeof(TaxiiCollectionDto))]
[JsonSerializable(typeof(TaxiiObjectsPageDto<TaxiiRawJson>), TypeInfoPropertyName = "TaxiiEnvelopeDto")]
[JsonSerializable(typeof(TaxiiObjectsPageDto<TaxiiManifestRecordDto>), TypeInfoPropertyName = "TaxiiManifestDto")]
[JsonSerializable(typeof(TaxiiVersionsDto))]
[JsonSerializable(typeof(TaxiiStatusDto))]
[JsonSerializable(typeof(TaxiiErrorDto))]
internal sealed partial class TaxiiJsonContext : JsonSerializerContext;
