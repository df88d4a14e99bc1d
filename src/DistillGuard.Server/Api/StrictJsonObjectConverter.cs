using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DistillGuard.Server.Api;

/// <summary>
/// Reads a <see cref="JsonObject"/> (such as a decision's <c>request</c>) refusing any object in it that names a property
/// twice, with a <see cref="JsonException"/> (400), since the serializer's <c>AllowDuplicateProperties</c> does not
/// reach inside a <see cref="JsonObject"/> and the object would throw later, when it is indexed.
/// </summary>
internal sealed class StrictJsonObjectConverter : JsonConverter<JsonObject>
{
    public override JsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected a JSON object, not {reader.TokenType}");
        }

        var element = JsonElement.ParseValue(ref reader);
        ThrowOnDuplicate(element, "$");
        return JsonObject.Create(element)!;
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer, options);
    }

    private static void ThrowOnDuplicate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                    {
                        throw new JsonException($"the property '{property.Name}' appears twice in {path}");
                    }

                    ThrowOnDuplicate(property.Value, path + "." + property.Name);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    ThrowOnDuplicate(item, $"{path}[{index++}]");
                }

                break;
        }
    }
}
