using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DistillGuard.Server.Api;

namespace DistillGuard.Server;

/// <summary>The service's JSON, source-generated, with the spec's snake_case names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(DecisionRequestDto))]
[JsonSerializable(typeof(DecisionResponseDto))]
[JsonSerializable(typeof(OverrideRequestDto))]
[JsonSerializable(typeof(OverrideDto))]
[JsonSerializable(typeof(AuditPageDto))]
[JsonSerializable(typeof(ApiErrorDto))]
[JsonSerializable(typeof(KeyCreateRequestDto))]
[JsonSerializable(typeof(KeyDto))]
[JsonSerializable(typeof(KeyCreatedDto))]
[JsonSerializable(typeof(KeyListDto))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string?>))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
