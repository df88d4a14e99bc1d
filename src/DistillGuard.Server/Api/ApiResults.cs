using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace DistillGuard.Server.Api;

/// <summary>Error answers in one shape: <c>{"error": {"code", "message"}}</c> with the HTTP status.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ApiErrorDto { Error = new ApiErrorBody { Code = code, Message = message } }, ServerJsonContext.Default.ApiErrorDto, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, "bad_request", message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "not_found", message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, "conflict", message);

    public static IResult Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, "unauthorized", message);

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, "forbidden", message);

    public static IResult UnsupportedMediaType(string expected) =>
        Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", $"Content-Type must be {expected}");

    public static IResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"the request body is larger than the limit of {limit} bytes");

    /// <summary>The error code of a status: its reason phrase in snake_case (<c>payload_too_large</c>).</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status429TooManyRequests => "too_many_requests",
        _ when ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase =>
            phrase.ToLowerInvariant().Replace(' ', '_').Replace("-", string.Empty, StringComparison.Ordinal),
        _ => "error",
    };

    /// <summary>A message for a status that came without one.</summary>
    public static string DescribeStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "an API key is required: Authorization: Bearer <key>",
        StatusCodes.Status403Forbidden => "the key's role does not allow this request",
        StatusCodes.Status404NotFound => "there is nothing at this path",
        StatusCodes.Status405MethodNotAllowed => "this path does not take this method",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}",
    };

    /// <summary>Whether the request's media type is <paramref name="expected"/> (parameters such as charset are allowed).</summary>
    public static bool HasMediaType(HttpRequest request, string expected)
    {
        var type = request.ContentType;
        if (string.IsNullOrEmpty(type))
        {
            return false;
        }

        var semicolon = type.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? type : type[..semicolon]).Trim();
        return media.Equals(expected, StringComparison.OrdinalIgnoreCase);
    }
}
