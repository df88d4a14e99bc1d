using System.Text.Json.Serialization;

namespace DistillGuard.Ingest.Findings;

/// <summary>Source-generated serialization of the <c>dg-findings/1</c> wire types, snake_case, nulls written.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(FindingsDocumentDto))]
[JsonSerializable(typeof(SubjectFindingDto))]
[JsonSerializable(typeof(CampaignFindingDto))]
internal sealed partial class FindingsJsonContext : JsonSerializerContext;
