using System.Text.Json.Serialization;

namespace DistillGuard.Ingest.Labels;

/// <summary>Source-generated serialization of labels lines: snake_case, absent fields left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LabelLineDto))]
internal sealed partial class LabelsJsonContext : JsonSerializerContext;
