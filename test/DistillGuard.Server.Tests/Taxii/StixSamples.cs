using System.Globalization;
using System.Text.Json.Nodes;

namespace DistillGuard.Server.Tests.Taxii;

/// <summary>Small hand-written STIX 2.1 objects.</summary>
public static class StixSamples
{
    public const string Clear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
    public const string Green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    public const string Amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    public const string AmberStrict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
    public const string Red = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    public const string Created = "2026-03-01T10:00:00.000Z";

    public static string IndicatorId(int n) => string.Create(CultureInfo.InvariantCulture, $"indicator--0d6f3c2e-5b8a-4c1d-9e7f-{n:D12}");

    /// <summary>An indicator of a pseudonymised proxy prefix, marked with <paramref name="marking"/> (none when null).</summary>
    public static JsonObject Indicator(int n, string? marking = Green, string modified = Created)
    {
        var indicator = new JsonObject
        {
            ["type"] = "indicator",
            ["spec_version"] = "2.1",
            ["id"] = IndicatorId(n),
            ["created"] = Created,
            ["modified"] = modified,
            ["name"] = string.Create(CultureInfo.InvariantCulture, $"Distillation proxy pool {n}"),
            ["indicator_types"] = new JsonArray("malicious-activity"),
            ["pattern"] = string.Create(CultureInfo.InvariantCulture, $"[x-llm-client-fingerprint:value = 'hmac:{n:D4}']"),
            ["pattern_type"] = "stix",
            ["valid_from"] = Created,
        };
        if (marking is not null)
        {
            indicator["object_marking_refs"] = new JsonArray(marking);
        }

        return indicator;
    }

    /// <summary>A campaign, as a second object type.</summary>
    public static JsonObject Campaign(int n, string marking = Green) => new()
    {
        ["type"] = "campaign",
        ["spec_version"] = "2.1",
        ["id"] = string.Create(CultureInfo.InvariantCulture, $"campaign--7a1e9b44-2c3d-4e5f-8a6b-{n:D12}"),
        ["created"] = Created,
        ["modified"] = Created,
        ["name"] = string.Create(CultureInfo.InvariantCulture, $"Hydra distillation campaign {n}"),
        ["object_marking_refs"] = new JsonArray(marking),
    };

    /// <summary>A cyber-observable without created or modified (its version is its date_added).</summary>
    public static JsonObject Observable() => new()
    {
        ["type"] = "ipv4-addr",
        ["spec_version"] = "2.1",
        ["id"] = "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
        ["value"] = "198.51.100.0/24",
        ["object_marking_refs"] = new JsonArray(Green),
    };
}
