using System.Text.Json.Serialization;

namespace DistillGuard.Server.Sharing;

/// <summary>The sharing API's JSON, source-generated, snake_case like the rest of <c>/v1</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PublishResultDto))]
[JsonSerializable(typeof(PullResultDto))]
internal sealed partial class SharingJsonContext : JsonSerializerContext;
