using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Server.Gateway;

/// <summary>
/// A request body the gateway has decoded and parsed: the JSON object as received, and its small top-level values
/// (strings, numbers, booleans, and every key a <c>degrade</c> rewrites, whatever its value: <c>reasoning</c>,
/// <c>logit_bias</c>, <c>logprobs</c>, <c>n</c>, the output budgets) as a <see cref="JsonObject"/> that a decision may
/// rewrite, so that a value of an unexpected type (<c>"logprobs":{}</c>) cannot slip past the rewrite. Everything else (messages, tools, schemas, however deep) stays the received text and
/// is copied through as it is, so no nesting depth stops a rewrite.
/// </summary>
internal sealed class GatewayRequestBody : IDisposable
{
    private static readonly HashSet<string> RewrittenKeys = new(
        ["reasoning", "logit_bias", "logprobs", "top_logprobs", "n", "max_tokens", "max_completion_tokens", "max_output_tokens", "reasoning_effort", "include_reasoning"],
        StringComparer.Ordinal);
    private readonly JsonDocument _document;

    private GatewayRequestBody(JsonDocument document, byte[] utf8, JsonObject top, HashSet<string> kept)
    {
        _document = document;
        Utf8 = utf8;
        Top = top;
        KeptKeys = kept;
    }

    /// <summary>Gets the decoded body as received.</summary>
    public byte[] Utf8 { get; }

    /// <summary>Gets the small top-level values, which a <c>degrade</c> rewrites in place.</summary>
    public JsonObject Top { get; }

    /// <summary>Gets the other top-level keys, kept as their received text.</summary>
    public IReadOnlySet<string> KeptKeys { get; }

    /// <summary>Parses <paramref name="utf8"/>; null when it is not one JSON object within <paramref name="maxDepth"/>.</summary>
    public static GatewayRequestBody? TryParse(byte[] utf8, int maxDepth)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return null;
        }

        try
        {
            // A property name or string that is not valid Unicode (an escaped lone surrogate) parses, but throws when it
            // is read: refuse the body here as not JSON rather than answer 500 or fail to record it later.
            Api.ApiJson.ThrowIfNotUnicode(document.RootElement);
        }
        catch (JsonException)
        {
            document.Dispose();
            return null;
        }

        var top = new JsonObject();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var small = property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                || RewrittenKeys.Contains(property.Name);
            if (small)
            {
                // A repeated key: the last one counts, as in most JSON readers.
                kept.Remove(property.Name);
                top[property.Name] = JsonNode.Parse(JsonMarshal.GetRawUtf8Value(property.Value), documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth });
            }
            else
            {
                top.Remove(property.Name);
                kept.Add(property.Name);
            }
        }

        return new GatewayRequestBody(document, utf8, top, kept);
    }

    /// <summary>Gets a top-level string value, or null.</summary>
    public string? StringOf(string name) =>
        Top[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>
    /// Writes the body as rewritten: the received keys in their order, each small one as <see cref="Top"/> now has it
    /// (left out if the rewrite removed it), the others as received; then the keys the rewrite added.
    /// </summary>
    public byte[] Write()
    {
        var buffer = new ArrayBufferWriter<byte>(Utf8.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            var written = new HashSet<string>(StringComparer.Ordinal);
            writer.WriteStartObject();
            foreach (var property in _document.RootElement.EnumerateObject())
            {
                if (!written.Add(property.Name))
                {
                    continue;
                }

                if (KeptKeys.Contains(property.Name))
                {
                    writer.WritePropertyName(property.Name);
                    writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(LastOf(property.Name)), skipInputValidation: true);
                }
                else if (Top.TryGetPropertyValue(property.Name, out var value))
                {
                    writer.WritePropertyName(property.Name);
                    WriteNode(writer, value);
                }
            }

            foreach (var (name, value) in Top)
            {
                if (written.Add(name))
                {
                    writer.WritePropertyName(name);
                    WriteNode(writer, value);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _document.Dispose();

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    private JsonElement LastOf(string name)
    {
        var last = default(JsonElement);
        foreach (var property in _document.RootElement.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                last = property.Value;
            }
        }

        return last;
    }
}
