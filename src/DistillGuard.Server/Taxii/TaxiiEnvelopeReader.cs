using DistillGuard.Sharing.Stix;
using System.Text.Json;
using System.Text.RegularExpressions;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// Reads a posted envelope (<c>{"objects": [...]}</c>) into the object versions to store and the ones refused, each
/// with its reason. An envelope whose structure is wrong (not an object, no <c>objects</c> list, an item that is not an
/// object with a string <c>id</c>) is refused whole, since its items cannot be reported one by one.
/// </summary>
internal static partial class TaxiiEnvelopeReader
{
    /// <summary>
    /// Reads the envelope; throws <see cref="InvalidDataException"/> when it is refused whole, and
    /// <see cref="JsonException"/> when a string in it is not valid Unicode.
    /// </summary>
    public static IReadOnlyList<TaxiiSubmittedObject> Read(JsonElement envelope, TrafficLightProtocol unmarked)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("the body is not a TAXII envelope (a JSON object)");
        }

        if (!envelope.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("the envelope has no objects list");
        }

        var items = new List<TaxiiSubmittedObject>(objects.GetArrayLength());
        var index = 0;
        foreach (var item in objects.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"objects[{index}] is not a STIX object with a string id");
            }

            items.Add(ReadObject(StringOf(id), item, unmarked));
            index++;
        }

        return items;
    }

    private static TaxiiSubmittedObject ReadObject(string id, JsonElement item, TrafficLightProtocol unmarked)
    {
        var versionText = Text(item, "modified") ?? Text(item, "created");
        var reported = versionText ?? string.Empty;
        var type = Text(item, "type");
        if (type is null || !TypePattern().IsMatch(type))
        {
            return TaxiiSubmittedObject.Refused(id, reported, "type must be 3 to 250 lower-case letters, digits and hyphens");
        }

        if (!id.StartsWith(type + "--", StringComparison.Ordinal) || !Guid.TryParseExact(id[(type.Length + 2)..], "D", out _))
        {
            return TaxiiSubmittedObject.Refused(id, reported, "id must be the object's type, '--' and a UUID");
        }

        if (Text(item, "spec_version") != "2.1")
        {
            return TaxiiSubmittedObject.Refused(id, reported, "only STIX 2.1 objects (spec_version \"2.1\") are accepted");
        }

        DateTimeOffset? version = null;
        if (versionText is not null)
        {
            if (!TaxiiTimestamps.TryParse(versionText, out var parsed))
            {
                return TaxiiSubmittedObject.Refused(id, reported, "modified and created must be STIX timestamps");
            }

            version = parsed;
        }

        var tlp = LevelOf(item, type, unmarked, out var problem);
        if (problem is not null)
        {
            return TaxiiSubmittedObject.Refused(id, reported, problem);
        }

        return new TaxiiSubmittedObject
        {
            Id = id,
            Version = reported,
            Record = new TaxiiNewObjectRecord
            {
                ObjectId = id,
                Type = type,
                SpecVersion = "2.1",
                Version = version,
                VersionText = versionText,
                Tlp = (int)tlp,
                Json = item.GetRawText(),
            },
        };
    }

    /// <summary>
    /// The most restricted TLP marking among <c>object_marking_refs</c>; an object without one is
    /// <paramref name="unmarked"/>, except a marking definition, which is shared metadata (TLP:CLEAR).
    /// </summary>
    private static TrafficLightProtocol LevelOf(JsonElement item, string type, TrafficLightProtocol unmarked, out string? problem)
    {
        problem = null;
        TrafficLightProtocol? level = null;
        if (item.TryGetProperty("object_marking_refs", out var refs))
        {
            if (refs.ValueKind != JsonValueKind.Array)
            {
                problem = "object_marking_refs must be a list of marking-definition ids";
                return unmarked;
            }

            foreach (var reference in refs.EnumerateArray())
            {
                if (reference.ValueKind != JsonValueKind.String)
                {
                    problem = "object_marking_refs must be a list of marking-definition ids";
                    return unmarked;
                }

                if (TlpMarkings.TryGetLevel(StringOf(reference), out var marked) && (level is null || marked > level))
                {
                    level = marked;
                }
            }
        }

        return level ?? (type == "marking-definition" ? TrafficLightProtocol.Clear : unmarked);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? StringOf(value) : null;

    /// <summary>A string's value; a string that is not valid Unicode (an escaped lone surrogate) is a <see cref="JsonException"/>.</summary>
    private static string StringOf(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("a string is not valid Unicode: " + ex.Message, ex);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();
}
