using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Api;

/// <summary>
/// How the API reads JSON request bodies: the configured depth limit and, for the serializer and
/// <see cref="ParseStrict"/>, no duplicate property names (an object that names a property twice is ambiguous, and a
/// <c>JsonObject</c> holding one throws when it is indexed), so such a body is a <see cref="JsonException"/>, answered
/// 400 (inside a <see cref="System.Text.Json.Nodes.JsonObject"/> too: <see cref="StrictJsonObjectConverter"/>).
/// </summary>
internal sealed class ApiJson(IOptions<ServerOptions> options)
{
    public ServerJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        MaxDepth = options.Value.MaxJsonDepth,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        AllowDuplicateProperties = false,
        Converters = { new StrictJsonObjectConverter() },
    });

    /// <summary>Gets the options for <see cref="JsonDocument"/> parsing of request bodies.</summary>
    public JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = options.Value.MaxJsonDepth };

    /// <summary>Gets <see cref="DocumentOptions"/> that also refuse duplicate property names (<see cref="ParseStrict"/>).</summary>
    public JsonDocumentOptions StrictDocumentOptions { get; } = new() { MaxDepth = options.Value.MaxJsonDepth, AllowDuplicateProperties = false };

    /// <summary>
    /// Parses a body refusing, as <see cref="JsonException"/>, duplicate property names and property names or strings
    /// that are not valid Unicode (which <see cref="JsonDocument"/> would otherwise throw on, as
    /// <see cref="InvalidOperationException"/>, when they are read, or while it looks for duplicates).
    /// </summary>
    /// <param name="body">The body.</param>
    /// <returns>The document; the caller disposes it.</returns>
    public JsonDocument ParseStrict(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, StrictDocumentOptions);
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("a property name in the body is not valid Unicode: " + ex.Message, ex);
        }

        try
        {
            ThrowIfNotUnicode(document.RootElement);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Throws <see cref="JsonException"/> when a property name or string in <paramref name="element"/> is not valid
    /// Unicode (an escaped lone surrogate such as <c>"\ud800"</c>): <see cref="JsonDocument"/> accepts those, and reading
    /// one later (<c>GetString</c>, <c>TryGetProperty</c>) throws <see cref="InvalidOperationException"/>, a 500.
    /// </summary>
    /// <param name="element">A parsed request body.</param>
    public static void ThrowIfNotUnicode(JsonElement element)
    {
        try
        {
            Visit(element);
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("a string in the body is not valid Unicode: " + ex.Message, ex);
        }

        static void Visit(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Visit(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
    }
}
