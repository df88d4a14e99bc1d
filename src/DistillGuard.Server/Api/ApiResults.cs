using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Api;

/// <summary>Error answers in one shape: <c>{"error": {"code", "message"}}</c> with the HTTP status.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ApiErrorDto { Error = new ApiErrorBody { Code = code, Message = message } }, ServerJsonContext.Default.ApiErrorDto, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, "bad_request", message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "not_found", message);

    public static IResult UnsupportedMediaType(string expected) =>
        Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", $"Content-Type must be {expected}");

    public static IResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"the request body is larger than the limit of {limit} bytes");

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
