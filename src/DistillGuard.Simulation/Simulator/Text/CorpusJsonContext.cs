using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>Source-generated JSON contract of a corpus line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CorpusPrompt))]
internal sealed partial class CorpusJsonContext : JsonSerializerContext;
