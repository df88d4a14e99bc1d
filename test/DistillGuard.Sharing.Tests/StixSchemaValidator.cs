using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DistillGuard.Sharing.Tests;

/// <summary>Validates STIX JSON against the OASIS STIX 2.1 JSON schemas in data/stix2.1-schemas (draft 2020-12).</summary>
internal sealed class StixSchemaValidator
{
    private const string BaseUri = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

    private static readonly Lazy<StixSchemaValidator> Instance = new(() => new StixSchemaValidator());

    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private StixSchemaValidator()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "stix2.1-schemas");
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };
        var texts = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);

        // Build each schema once its $refs are registered: retry the ones whose references are not built yet.
        var pending = new Queue<string>(texts.Keys.Order(StringComparer.Ordinal));
        var failures = 0;
        while (pending.Count > 0)
        {
            var path = pending.Dequeue();
            try
            {
                var schema = JsonSchema.FromText(texts[path], options);
                _schemas[path] = schema;
                failures = 0;
            }
            catch (Exception) when (failures++ < pending.Count + 1)
            {
                pending.Enqueue(path);
            }
        }
    }

    public static StixSchemaValidator Shared => Instance.Value;

    /// <summary>Gets the schema file of an object's type: its own, or cyber-observable-core for a custom observable.</summary>
    public static string SchemaPathOf(JsonElement stixObject)
    {
        var type = stixObject.GetProperty("type").GetString()!;
        return type switch
        {
            "relationship" or "sighting" => $"sros/{type}.json",
            "marking-definition" or "extension-definition" or "language-content" => $"common/{type}.json",
            "x-llm-client-fingerprint" => "common/cyber-observable-core.json",
            _ when File.Exists(Path.Combine(AppContext.BaseDirectory, "stix2.1-schemas", "sdos", type + ".json")) => $"sdos/{type}.json",
            _ when File.Exists(Path.Combine(AppContext.BaseDirectory, "stix2.1-schemas", "observables", type + ".json")) => $"observables/{type}.json",
            _ => throw new InvalidOperationException($"no schema for type {type}"),
        };
    }

    /// <summary>Validates one object against its type's schema; returns the errors (empty when valid).</summary>
    public IReadOnlyList<string> ValidateObject(JsonElement stixObject) => Validate(SchemaPathOf(stixObject), stixObject);

    /// <summary>Validates against one schema file; returns the errors (empty when valid).</summary>
    public IReadOnlyList<string> Validate(string schemaPath, JsonElement instance)
    {
        // The flag answer is quick; the detailed list is only worth its cost when something is wrong.
        if (_schemas[schemaPath].Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
        {
            return [];
        }

        var results = _schemas[schemaPath].Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });

        return [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{schemaPath} {d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty($"{schemaPath}: invalid")];
    }

    public int SchemaCount => _schemas.Count;

    public static string Uri(string path) => BaseUri + path;
}
