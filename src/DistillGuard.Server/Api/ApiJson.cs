using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Api;

/// <summary>
/// How the API reads JSON request bodies: the configured depth limit, and no duplicate property names (an object that
/// names a property twice is ambiguous, and a <c>JsonObject</c> holding one throws when it is indexed), so such a body is
/// a <see cref="JsonException"/>, answered 400, wherever it is read with these options (inside a
/// <see cref="System.Text.Json.Nodes.JsonObject"/> too: <see cref="StrictJsonObjectConverter"/>).
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
    public JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = options.Value.MaxJsonDepth, AllowDuplicateProperties = false };
}
