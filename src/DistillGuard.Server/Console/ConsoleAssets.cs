using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>
/// Serves the console's browser files (<c>wwwroot</c>: the vendored libraries under <c>lib/</c>, the console's own
/// script and style under <c>assets/</c>) from the resources embedded in this assembly, so a published
/// <c>distillguard</c> needs no file beside it and no network.
/// </summary>
internal static class ConsoleAssets
{
    private const string ResourcePrefix = "console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".md"] = "text/plain; charset=utf-8",
        [string.Empty] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Names = typeof(ConsoleAssets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .ToFrozenSet(StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder console)
    {
        console.MapGet("/lib/{**path}", (string path) => Serve("lib/" + path)).AllowAnonymous();
        console.MapGet("/assets/{**path}", (string path) => Serve("assets/" + path)).AllowAnonymous();
    }

    private static IResult Serve(string path)
    {
        var name = ResourcePrefix + path;
        if (!Names.Contains(name) || !ContentTypes.TryGetValue(Path.GetExtension(path), out var type))
        {
            return Results.NotFound();
        }

        var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream(name)!;
        return Results.Stream(stream, type);
    }
}
