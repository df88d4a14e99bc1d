using System.Text.Json;
using DistillGuard.Server.Api;
using DistillGuard.Server.Security;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.Sharing;

/// <summary>
/// <c>POST /v1/share/publish</c> (admin), <c>GET /v1/share/export/{campaignId}</c> (analyst), <c>POST /v1/share/pull</c>
/// (admin) and <c>POST /v1/share/import?peer=NAME</c> (admin: objects a peer sent that the command line pulled).
/// </summary>
internal static class SharingEndpoints
{
    /// <summary>The media type of a STIX bundle.</summary>
    public const string StixMediaType = "application/stix+json;version=2.1";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/share/publish", PublishAsync).RequireAuthorization(RoleNames.CanAdminister);
        api.MapGet("/share/export/{campaignId}", ExportAsync).RequireAuthorization(RoleNames.CanRead);
        api.MapPost("/share/pull", PullAsync).RequireAuthorization(RoleNames.CanAdminister);
        api.MapPost("/share/import", ImportAsync).RequireAuthorization(RoleNames.CanAdminister);
    }

    private static IResult NotConfigured() =>
        ApiResults.Error(StatusCodes.Status409Conflict, "sharing_not_configured", "sharing is not configured: set DistillGuard:Sharing (keys, producer name, collections, peers)");

    private static async Task<IResult> PublishAsync(HttpContext context, SharingCoordinator sharing)
    {
        if (!sharing.Enabled)
        {
            return NotConfigured();
        }

        if (sharing.Options.LocalCollection is null)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "no_local_collection", "Sharing:LocalCollection is not configured: there is no collection to publish into");
        }

        var result = await sharing.PublishAsync(context.User.Identity?.Name ?? "unknown", context.RequestAborted).ConfigureAwait(false);
        return Results.Json(result, SharingJsonContext.Default.PublishResultDto);
    }

    private static async Task<IResult> ExportAsync(string campaignId, string? tlp, HttpContext context, SharingCoordinator sharing)
    {
        if (!sharing.Enabled)
        {
            return NotConfigured();
        }

        TrafficLightProtocol? level = null;
        if (tlp is not null)
        {
            if (!SharingOptions.TryParseTlp(tlp, out var parsed))
            {
                return ApiResults.BadRequest("tlp must be clear, green, amber, amber+strict or red");
            }

            level = parsed;
        }

        try
        {
            var bundle = await sharing.ExportAsync(campaignId, level, context.RequestAborted).ConfigureAwait(false);
            return Results.Text(StixSerializer.Serialize(bundle, indented: true), StixMediaType);
        }
        catch (KeyNotFoundException ex)
        {
            return ApiResults.NotFound(ex.Message);
        }
        catch (SharingRefusedException ex) when (ex.Reason == SharingRefusal.RestrictedMarking)
        {
            return ApiResults.Error(StatusCodes.Status403Forbidden, "restricted_marking", ex.Message);
        }
        catch (SharingRefusedException ex)
        {
            return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "not_shareable", ex.Message);
        }
    }

    private static async Task<IResult> PullAsync(string? peer, HttpContext context, SharingCoordinator sharing)
    {
        if (!sharing.Enabled)
        {
            return NotConfigured();
        }

        if (peer is not null && sharing.Options.Peers.All(p => p.Name != peer))
        {
            return ApiResults.NotFound($"peer {peer} is not configured");
        }

        var result = await sharing.PullAsync(peer, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(result, SharingJsonContext.Default.PullResultDto);
    }

    private static async Task<IResult> ImportAsync(string? peer, HttpContext context, SharingCoordinator sharing, ApiJson json)
    {
        if (!sharing.Enabled)
        {
            return NotConfigured();
        }

        if (string.IsNullOrEmpty(peer) || peer.Length > 64 || !peer.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
        {
            return ApiResults.BadRequest("peer must be 1 to 64 lower-case letters, digits, '-' or '_'");
        }

        List<string> objects;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, json.DocumentOptions, context.RequestAborted).ConfigureAwait(false);
            if (!document.RootElement.TryGetProperty("objects", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return ApiResults.BadRequest("the body must be a STIX bundle or a TAXII envelope (an object with an 'objects' list)");
            }

            objects = [.. array.EnumerateArray().Select(o => o.GetRawText())];
        }
        catch (JsonException ex)
        {
            return ApiResults.BadRequest("the body is not valid JSON: " + ex.Message);
        }

        try
        {
            var result = await sharing.ImportAsync(peer, context.User.Identity?.Name ?? "unknown", objects, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(result, SharingJsonContext.Default.PullResultDto);
        }
        catch (InvalidDataException ex)
        {
            return ApiResults.BadRequest("the objects cannot be stored: " + ex.Message);
        }
    }
}
