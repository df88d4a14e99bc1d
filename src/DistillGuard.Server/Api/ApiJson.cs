using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Api;

/// <summary>The API's JSON context, with the configured depth limit.</summary>
internal sealed class ApiJson(IOptions<ServerOptions> options)
{
    public ServerJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        MaxDepth = options.Value.MaxJsonDepth,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    });

    /// <summary>Gets the options for <see cref="JsonDocument"/> parsing of request bodies.</summary>
    public JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = options.Value.MaxJsonDepth };
}
