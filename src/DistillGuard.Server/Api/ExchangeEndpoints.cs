using System.Text.Json;
using DistillGuard.Core.Storage;
using DistillGuard.Ingest;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Ingestion;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Api;

/// <summary><c>POST /v1/exchanges</c> (dg-exchange/1 lines) and <c>POST /v1/exchanges/litellm</c> (LiteLLM's callback).</summary>
internal static class ExchangeEndpoints
{
    public const string NdjsonMediaType = "application/x-ndjson";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/exchanges", IngestLinesAsync).RequireAuthorization(RoleNames.CanIngest);
        api.MapPost("/exchanges/litellm", IngestLiteLlmAsync).RequireAuthorization(RoleNames.CanIngest);
    }

    private static Task<IResult> IngestLinesAsync(HttpContext context, ExchangeIngestor ingestor, AuditTrail audit, IOptions<ServerOptions> options) =>
        ApiResults.HasMediaType(context.Request, NdjsonMediaType)
            ? IngestFormatAsync(context, InputFormat.Exchange, ingestor, audit, options)
            : Task.FromResult(ApiResults.UnsupportedMediaType(NdjsonMediaType));

    private static async Task<IResult> IngestFormatAsync(HttpContext context, InputFormat format, ExchangeIngestor ingestor, AuditTrail audit, IOptions<ServerOptions> options)
    {
        if (context.Request.ContentLength > options.Value.MaxRequestBodyBytes)
        {
            return ApiResults.TooLarge(options.Value.MaxRequestBodyBytes);
        }

        IngestOutcome outcome;
        try
        {
            outcome = await ingestor.IngestLinesAsync(context.Request.Body, format, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InputException ex) when (ex.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return ApiResults.TooLarge(options.Value.MaxRequestBodyBytes);
        }
        catch (InputException ex)
        {
            return ApiResults.BadRequest(ex.Message);
        }
        catch (IngestUnavailableException ex)
        {
            return Unavailable(context, ex);
        }

        return await AnswerAsync(context, outcome, audit, format == InputFormat.Exchange ? "exchanges.ingested" : "exchanges.ingested_litellm").ConfigureAwait(false);
    }

    private static async Task<IResult> IngestLiteLlmAsync(HttpContext context, ExchangeIngestor ingestor, AuditTrail audit, ApiJson json, IOptions<ServerOptions> options)
    {
        // LiteLLM's generic API callback posts a JSON array by default, or one payload a line with log_format: ndjson.
        if (ApiResults.HasMediaType(context.Request, NdjsonMediaType))
        {
            return await IngestFormatAsync(context, InputFormat.LiteLlm, ingestor, audit, options).ConfigureAwait(false);
        }

        if (!ApiResults.HasMediaType(context.Request, "application/json"))
        {
            return ApiResults.UnsupportedMediaType("application/json (a JSON array) or application/x-ndjson (one payload a line)");
        }

        if (context.Request.ContentLength > options.Value.MaxRequestBodyBytes)
        {
            return ApiResults.TooLarge(options.Value.MaxRequestBodyBytes);
        }

        IngestOutcome outcome;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, json.DocumentOptions, context.RequestAborted).ConfigureAwait(false);
            ApiJson.ThrowIfNotUnicode(document.RootElement);
            outcome = await ingestor.IngestLiteLlmAsync(document, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return ApiResults.BadRequest("the body is not a JSON array of LiteLLM StandardLoggingPayload objects: " + ex.Message);
        }
        catch (IngestUnavailableException ex)
        {
            return Unavailable(context, ex);
        }

        return await AnswerAsync(context, outcome, audit, "exchanges.ingested_litellm").ConfigureAwait(false);
    }

    /// <summary>The ingest stream did not confirm: nothing is known to be durable, so the client resends after a second.</summary>
    private static IResult Unavailable(HttpContext context, IngestUnavailableException ex)
    {
        context.Response.Headers.RetryAfter = "1";
        return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "the ingest stream is unavailable; nothing was accepted, resend the body: " + ex.Message);
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, IngestOutcome outcome, AuditTrail audit, string action)
    {
        if (outcome.Accepted > 0)
        {
            await audit.WriteAsync(
                context.User.Identity?.Name ?? "unknown",
                action,
                "journal",
                new Dictionary<string, string?>
                {
                    ["accepted"] = outcome.Accepted.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["duplicates"] = outcome.Duplicates.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["rejected"] = outcome.Rejected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                CancellationToken.None).ConfigureAwait(false);
        }

        return Results.Json(
            new IngestResponse { Accepted = outcome.Accepted, Duplicates = outcome.Duplicates, Rejected = outcome.Rejected },
            ServerJsonContext.Default.IngestResponse);
    }
}
