using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator;

/// <summary>Source-generated JSON contract of the allow-list output: snake_case names, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(AllowListDocument))]
internal sealed partial class AllowListJsonContext : JsonSerializerContext;
