using DistillGuard.Server.Api;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Hosting;

/// <summary>Answers Kestrel's request errors (a body over the limit: 413) in the API's error shape.</summary>
internal sealed class BadRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var code = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload_too_large" : "bad_request";
            await ApiResults.Error(ex.StatusCode, code, ex.Message).ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
