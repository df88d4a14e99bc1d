using System.Text;
using DistillGuard.Server.Api;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillGuard.Server.Dossier;

/// <summary><c>GET /v1/campaigns/{id}/dossier?format=html|pdf</c> (analyst): a campaign's evidence dossier.</summary>
internal static class DossierEndpoints
{
    /// <summary>The response header that carries the dossier's content hash.</summary>
    public const string ContentHashHeader = "X-DistillGuard-Content-Hash";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/campaigns/{id}/dossier", GetAsync).RequireAuthorization(RoleNames.CanRead);

    /// <summary>
    /// Answers a campaign's dossier, for the API (a bearer key) and for the console's pages (their cookie session, which
    /// does not authorise <c>/v1</c>), so the console's link opens it.
    /// </summary>
    internal static async Task<IResult> GetAsync(string id, string? format, HttpContext context, DossierCollector collector, DossierPdfPrinter printer, TimeProvider time)
    {
        DossierFormat kind;
        switch (format?.ToLowerInvariant())
        {
            case null or "" or "html":
                kind = DossierFormat.Html;
                break;
            case "pdf":
                kind = DossierFormat.Pdf;
                break;
            default:
                return ApiResults.BadRequest($"format must be html or pdf; got '{format}'");
        }

        var document = await collector.CollectAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (document is null)
        {
            return ApiResults.NotFound($"campaign {id} does not exist");
        }

        var stamp = new DossierStamp(time.GetUtcNow(), context.User.Identity?.Name ?? "unknown", DossierContentHash.Of(document));
        var html = DossierHtml.Render(document, stamp);
        context.Response.Headers[ContentHashHeader] = stamp.ContentHash;
        if (kind == DossierFormat.Html)
        {
            // The page is self-contained: nothing to load, nothing to run.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
            return Results.Bytes(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
        }

        byte[] pdf;
        try
        {
            pdf = await printer.PrintAsync(
                html,
                DossierHtml.Marking(document.Tlp),
                DossierHtml.MarkingColour(document.Tlp),
                $"{DossierHtml.Marking(document.Tlp)} · campaign {document.CampaignId} · content hash {stamp.ContentHash}",
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (DossierPdfUnavailableException ex)
        {
            context.Response.Headers.Remove(ContentHashHeader);
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "pdf_unavailable", ex.Message);
        }

        return Results.Bytes(pdf, "application/pdf", fileDownloadName: $"{id}-dossier.pdf");
    }
}
