using System.Text.Json.Serialization;

namespace DistillGuard.ServiceBench;

/// <summary>Source-generated JSON for <see cref="ServiceBenchReport"/>, in snake case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ServiceBenchReport))]
[JsonSerializable(typeof(string))]
internal sealed partial class ServiceBenchJsonContext : JsonSerializerContext;
