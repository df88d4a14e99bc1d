using System.Text.Json.Serialization;

namespace DistillGuard.Server.Dossier;

/// <summary>
/// The canonical form of a dossier's data that its content hash is taken over: source-generated JSON, properties in
/// declaration order, snake_case names, enums by name, times in UTC, no indentation.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(DossierDocument))]
internal sealed partial class DossierJsonContext : JsonSerializerContext;
