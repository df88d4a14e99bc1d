using System.Text.Json.Serialization;

namespace DistillGuard.Cli.Bench;

/// <summary>Source-generated JSON for <see cref="BenchReport"/>, in snake case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
