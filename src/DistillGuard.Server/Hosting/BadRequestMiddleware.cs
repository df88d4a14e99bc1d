using DistillGuard.Server.Api;
using DistillGuard.Server.Taxii;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Hosting;

/// <summary>
/// Gives every 4xx of the service's own paths its documented error body: Kestrel's request errors (a body over the
/// limit: 413; a malformed request: 400), and any answer that left the status without a body (no such path: 404, a
/// method the path does not take: 405). The API's paths answer <c>{"error": {"code", "message"}}</c>, the TAXII
/// server's the TAXII error message; in gateway mode the upstream's paths are left as they are.
/// </summary>
internal sealed class BadRequestMiddleware(RequestDelegate next, ServerSettings settings)
{
    private readonly string _apiPrefix = settings.Upstream is null ? string.Empty : DistillGuardServer.GatewayApiPrefix;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await WriteAsync(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode is >= 400 and < 500 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await WriteAsync(context, response.StatusCode, null).ConfigureAwait(false);
        }
    }

    private Task WriteAsync(HttpContext context, int status, string? message)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(TaxiiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return TaxiiResults.Error(status, message ?? ApiResults.DescribeStatus(status)).ExecuteAsync(context);
        }

        var ours = _apiPrefix.Length == 0 || path.StartsWithSegments(_apiPrefix, StringComparison.OrdinalIgnoreCase);
        return ours
            ? ApiResults.Error(status, ApiResults.CodeOf(status), message ?? ApiResults.DescribeStatus(status)).ExecuteAsync(context)
            : Task.CompletedTask;
    }
}
