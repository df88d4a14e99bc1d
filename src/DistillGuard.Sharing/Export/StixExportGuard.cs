using System.Text.Json;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Export;

/// <summary>The last check before STIX objects leave: nothing marked <c>TLP:RED</c> does.</summary>
/// <remarks>Both the TLP 2.0 and the STIX 2.1 (TLP 1.0) red markings count, whether applied to the whole object or to part of it (granular markings).</remarks>
public static class StixExportGuard
{
    /// <summary>Gets whether an object may leave.</summary>
    /// <param name="value">The object.</param>
    /// <returns>Whether no marking of it is <c>TLP:RED</c>.</returns>
    public static bool IsExportable(StixObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return !MarkingRefs(value).Any(IsRed);
    }

    /// <summary>Throws unless every object may leave.</summary>
    /// <param name="objects">The objects.</param>
    /// <exception cref="SharingRefusedException">An object is marked <c>TLP:RED</c>.</exception>
    public static void EnsureExportable(IEnumerable<StixObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var value in objects)
        {
            if (!IsExportable(value))
            {
                throw new SharingRefusedException(SharingRefusal.RestrictedMarking, $"{value.Id} is marked TLP:RED, which never leaves");
            }
        }
    }

    private static bool IsRed(string id) => TlpMarkings.TryGetLevel(id, out var level) && level == TrafficLightProtocol.Red;

    private static IEnumerable<string> MarkingRefs(StixObject value)
    {
        IEnumerable<string> refs = value switch
        {
            StixCommonObject common => common.ObjectMarkingRefs ?? [],
            ClientFingerprintObservable fingerprint => fingerprint.ObjectMarkingRefs ?? [],
            StixMarkingDefinition marking => marking.ObjectMarkingRefs ?? [],
            UnknownStixObject unknown => ReadRefs(unknown.Json),
            _ => [],
        };

        if (value.AdditionalProperties?.TryGetValue("granular_markings", out var granular) == true)
        {
            refs = refs.Concat(GranularRefs(granular));
        }

        return refs;
    }

    private static List<string> ReadRefs(JsonElement json)
    {
        var refs = new List<string>();
        if (json.TryGetProperty("object_marking_refs", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            refs.AddRange(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }

        if (json.TryGetProperty("granular_markings", out var granular))
        {
            refs.AddRange(GranularRefs(granular));
        }

        return refs;
    }

    private static IEnumerable<string> GranularRefs(JsonElement granular) =>
        granular.ValueKind != JsonValueKind.Array
            ? []
            : [.. granular.EnumerateArray()
                .Where(g => g.ValueKind == JsonValueKind.Object && g.TryGetProperty("marking_ref", out var r) && r.ValueKind == JsonValueKind.String)
                .Select(g => g.GetProperty("marking_ref").GetString()!)];
}
