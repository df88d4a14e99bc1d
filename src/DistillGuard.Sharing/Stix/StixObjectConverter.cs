using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DistillGuard.Sharing.Stix;

/// <summary>Reads a STIX object as the class of its <c>type</c> (or <see cref="UnknownStixObject"/>), and writes any.</summary>
internal sealed class StixObjectConverter : JsonConverter<StixObject>
{
    public override StixObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return StixSerializer.ReadObject(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, StixObject value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case UnknownStixObject unknown:
                unknown.Json.WriteTo(writer);
                break;
            default:
                JsonSerializer.Serialize(writer, value, Resolve(value.GetType(), options));
                break;
        }
    }

    private static JsonTypeInfo Resolve(Type type, JsonSerializerOptions options) =>
        options.TypeInfoResolver is StixJsonContext context
            ? context.GetTypeInfo(type) ?? throw new NotSupportedException($"{type} is not part of the STIX model")
            : StixJsonContext.Stix.GetTypeInfo(type) ?? throw new NotSupportedException($"{type} is not part of the STIX model");
}
