using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Taxii;

/// <summary>TAXII answers: a resource or the TAXII error message, always as <c>application/taxii+json;version=2.1</c>.</summary>
internal static class TaxiiResults
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        Results.Json(value, type, TaxiiMediaTypes.Taxii, status);

    /// <summary>An answer without a body (a deletion), still with the TAXII media type.</summary>
    public static IResult Empty() => EmptyResult.Instance;

    public static IResult Error(int status, string title, string description, string code) =>
        Json(
            new TaxiiErrorDto
            {
                Title = title,
                Description = description,
                ErrorCode = code,
                HttpStatus = status.ToString(CultureInfo.InvariantCulture),
            },
            TaxiiJsonContext.Default.TaxiiErrorDto,
            status);

    /// <summary>The TAXII error message for a status, titled with its reason phrase (<c>Method Not Allowed</c>, <c>method-not-allowed</c>).</summary>
    public static IResult Error(int status, string description)
    {
        var title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
        return Error(status, title, description, title.ToLowerInvariant().Replace(' ', '-'));
    }

    public static IResult BadRequest(string description) => Error(StatusCodes.Status400BadRequest, "Bad Request", description, "bad-request");

    public static IResult Unauthorized() =>
        Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Authenticate with the HTTP Basic or Bearer credentials of a peer of this server.", "unauthorized");

    public static IResult Forbidden(string description) => Error(StatusCodes.Status403Forbidden, "Forbidden", description, "forbidden");

    public static IResult NotFound(string description) => Error(StatusCodes.Status404NotFound, "Not Found", description, "not-found");

    public static IResult NotAcceptable() =>
        Error(StatusCodes.Status406NotAcceptable, "Not Acceptable", $"This server answers with {TaxiiMediaTypes.Taxii} only; the Accept header does not allow it.", "not-acceptable");

    public static IResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The request body is larger than this API root's max_content_length of {limit} bytes.", "payload-too-large");

    public static IResult UnsupportedMediaType() =>
        Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", $"The Content-Type must be {TaxiiMediaTypes.Taxii}.", "unsupported-media-type");

    public static IResult Unprocessable(string description) =>
        Error(StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity", description, "unprocessable-envelope");

    /// <summary>200 with the TAXII media type written as is (<c>Results.Text</c> would reformat it) and no body.</summary>
    private sealed class EmptyResult : IResult
    {
        public static readonly EmptyResult Instance = new();

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = TaxiiMediaTypes.Taxii;
            httpContext.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
