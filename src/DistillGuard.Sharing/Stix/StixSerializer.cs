using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DistillGuard.Sharing.Stix;

/// <summary>Writes and reads STIX 2.1 JSON (System.Text.Json, source-generated).</summary>
/// <remarks>
/// Reading accepts any STIX 2.1 content: the types of this model become their classes, any other type an
/// <see cref="UnknownStixObject"/>, and unmodelled properties are kept; malformed content throws a
/// <see cref="StixFormatException"/> that says which object and what is wrong.
/// </remarks>
public static class StixSerializer
{
    private static readonly StixJsonContext IndentedContext = new(new JsonSerializerOptions(StixJsonContext.Stix.Options) { WriteIndented = true });

    /// <summary>Gets the type information of <see cref="StixObject"/>, for callers that embed STIX objects in their own JSON (TAXII envelopes).</summary>
    public static JsonTypeInfo<StixObject> ObjectTypeInfo => StixJsonContext.Stix.StixObject;

    /// <summary>Gets the type information of <see cref="StixBundle"/>.</summary>
    public static JsonTypeInfo<StixBundle> BundleTypeInfo => StixJsonContext.Stix.StixBundle;

    /// <summary>Writes a bundle.</summary>
    /// <param name="bundle">The bundle.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(StixBundle bundle, bool indented = false) =>
        JsonSerializer.Serialize(bundle, indented ? StixJsonContext.Indented.StixBundle : StixJsonContext.Stix.StixBundle);

    /// <summary>Writes a bundle as UTF-8.</summary>
    /// <param name="bundle">The bundle.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] SerializeToUtf8Bytes(StixBundle bundle) => JsonSerializer.SerializeToUtf8Bytes(bundle, StixJsonContext.Stix.StixBundle);

    /// <summary>Writes one object.</summary>
    /// <param name="value">The object.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(StixObject value, bool indented = false) =>
        JsonSerializer.Serialize(value, indented ? StixJsonContext.Indented.StixObject : StixJsonContext.Stix.StixObject);

    /// <summary>Writes one object as a JSON element.</summary>
    /// <param name="value">The object.</param>
    /// <returns>The element.</returns>
    public static JsonElement SerializeToElement(StixObject value) => JsonSerializer.SerializeToElement(value, StixJsonContext.Stix.StixObject);

    /// <summary>Reads a bundle.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="StixFormatException">The text is not a STIX bundle.</exception>
    public static StixBundle DeserializeBundle(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = Parse(() => JsonDocument.Parse(json));
        return ReadBundle(document.RootElement);
    }

    /// <summary>Reads a bundle.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="StixFormatException">The text is not a STIX bundle.</exception>
    public static StixBundle DeserializeBundle(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = Parse(() => JsonDocument.Parse(utf8Json));
        return ReadBundle(document.RootElement);
    }

    /// <summary>Reads a bundle from a parsed element.</summary>
    /// <param name="element">The element.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="StixFormatException">The element is not a STIX bundle.</exception>
    public static StixBundle ReadBundle(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new StixFormatException($"a bundle must be a JSON object, not {element.ValueKind}");
        }

        var type = StringProperty(element, "type", "the bundle");
        if (type != StixBundle.TypeName)
        {
            throw new StixFormatException($"a bundle's type must be 'bundle', not '{type}'");
        }

        var id = StringProperty(element, "id", "the bundle");
        if (!StixIdentifier.TryParse(id, out var idType, out _) || idType != StixBundle.TypeName)
        {
            throw new StixFormatException($"'{id}' is not a bundle id (bundle--UUID)");
        }

        IReadOnlyList<StixObject> objects = [];
        if (element.TryGetProperty("objects", out var array))
        {
            objects = array.ValueKind == JsonValueKind.Array
                ? ReadObjects(array)
                : throw new StixFormatException($"bundle {id}: 'objects' must be an array, not {array.ValueKind}");
        }

        return new StixBundle { Id = id, Objects = objects };
    }

    /// <summary>Reads an array of STIX objects.</summary>
    /// <param name="array">The array.</param>
    /// <returns>The objects, in order.</returns>
    /// <exception cref="StixFormatException">An element is not a valid STIX object; the message names its index.</exception>
    public static IReadOnlyList<StixObject> ReadObjects(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new StixFormatException($"STIX objects must be in an array, not {array.ValueKind}");
        }

        var objects = new List<StixObject>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            try
            {
                objects.Add(ReadObject(element));
            }
            catch (StixFormatException e)
            {
                throw new StixFormatException($"objects[{index}]: {e.Message}", e);
            }

            index++;
        }

        return objects;
    }

    /// <summary>Reads one STIX object.</summary>
    /// <param name="element">The object's JSON.</param>
    /// <returns>The object: the model's class for its type, or an <see cref="UnknownStixObject"/>.</returns>
    /// <exception cref="StixFormatException">The element is not a valid STIX object.</exception>
    public static StixObject ReadObject(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new StixFormatException($"a STIX object must be a JSON object, not {element.ValueKind}");
        }

        var type = StringProperty(element, "type", "a STIX object");
        if (!StixIdentifier.IsTypeName(type))
        {
            throw new StixFormatException($"'{type}' is not a STIX type name");
        }

        var id = StringProperty(element, "id", $"a {type}");
        if (!StixIdentifier.TryParse(id, out var idType, out _) || idType != type)
        {
            throw new StixFormatException($"'{id}' is not the id of a {type} ({type}--UUID)");
        }

        try
        {
            return type switch
            {
                StixIdentity.TypeName => Typed(element, StixJsonContext.Stix.StixIdentity),
                StixCampaign.TypeName => Typed(element, StixJsonContext.Stix.StixCampaign),
                StixInfrastructure.TypeName => Typed(element, StixJsonContext.Stix.StixInfrastructure),
                StixIndicator.TypeName => Typed(element, StixJsonContext.Stix.StixIndicator),
                StixRelationship.TypeName => Typed(element, StixJsonContext.Stix.StixRelationship),
                StixObservedData.TypeName => Typed(element, StixJsonContext.Stix.StixObservedData),
                StixSighting.TypeName => Typed(element, StixJsonContext.Stix.StixSighting),
                StixMarkingDefinition.TypeName => Typed(element, StixJsonContext.Stix.StixMarkingDefinition),
                StixExtensionDefinition.TypeName => Typed(element, StixJsonContext.Stix.StixExtensionDefinition),
                ClientFingerprintObservable.TypeName => Typed(element, StixJsonContext.Stix.ClientFingerprintObservable),
                _ => new UnknownStixObject
                {
                    ObjectType = type,
                    Id = id,
                    SpecVersion = element.TryGetProperty("spec_version", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString() : null,
                    Json = element.Clone(),
                },
            };
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
            throw new StixFormatException($"{id}{where}: {e.Message}", e);
        }
    }

    private static T Typed<T>(JsonElement element, JsonTypeInfo<T> typeInfo) =>
        element.Deserialize(typeInfo) ?? throw new JsonException("the object is null");

    private static string StringProperty(JsonElement element, string name, string what) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new StixFormatException($"{what} has no string '{name}' property");

    private static JsonDocument Parse(Func<JsonDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            throw new StixFormatException($"not JSON: {e.Message}", e);
        }
    }
}
