using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillGuard.Sharing.Stix;

/// <summary>Reads and writes STIX timestamps (<see cref="StixTimestamp"/>).</summary>
internal sealed class StixTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a timestamp must be a string, not {reader.TokenType}");
        }

        var text = reader.GetString();
        return StixTimestamp.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a STIX timestamp (RFC 3339 in UTC, for example 2026-11-20T10:00:00.123Z)");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(StixTimestamp.Format(value));
}
