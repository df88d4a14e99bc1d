using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Core.Policies;
using DistillGuard.Server.Api;
using DistillGuard.Server.Decisions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Gateway;

/// <summary>
/// Runs in the reverse proxy's pipeline before a request is forwarded: finds the subject, asks for a decision
/// in-process, and enforces it (rewrite for <c>degrade</c>; 429 or 403 in the OpenAI error shape for <c>throttle</c>,
/// <c>challenge</c> and <c>block</c>); then forwards, passes the response through as it comes, and queues the served
/// exchange for the engine.
/// </summary>
internal sealed class GatewayMiddleware(
    RequestDelegate next,
    DecisionService decisions,
    GatewayRecorder recorder,
    IOptions<GatewayOptions> options,
    ApiJson json,
    TimeProvider time)
{
    private readonly GatewayOptions _options = options.Value;
    private readonly IReadOnlyList<System.Net.IPNetwork> _trusted = options.Value.TrustedNetworks;

    public async Task InvokeAsync(HttpContext context)
    {
        var arrived = time.GetUtcNow();
        var started = time.GetTimestamp();
        var request = context.Request;
        var account = request.Headers[_options.AccountHeader].ToString();
        var endUser = request.Headers[_options.EndUserHeader].ToString();
        request.Headers.Remove(_options.AccountHeader);
        request.Headers.Remove(_options.EndUserHeader);
        if (string.IsNullOrEmpty(account))
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
                $"the request carries no account (header {_options.AccountHeader})", "invalid_request_error", "missing_account").ConfigureAwait(false);
            return;
        }

        byte[]? raw = null;
        JsonObject? body = null;
        if (HttpMethods.IsPost(request.Method) && ApiResults.HasMediaType(request, "application/json"))
        {
            raw = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            try
            {
                body = JsonNode.Parse(raw, documentOptions: json.DocumentOptions) as JsonObject;
            }
            catch (JsonException)
            {
                // Not ours to judge: the upstream answers a malformed body with its own error.
            }
        }

        if (string.IsNullOrEmpty(endUser))
        {
            endUser = StringOf(body, "safety_identifier") ?? StringOf(body, "user") ?? string.Empty;
        }

        var decision = decisions.Decide(account, endUser, body);
        switch (decision.Action)
        {
            case EnforcementAction.Throttle:
                var retry = decision.RetryAfterMs ?? 1000;
                context.Response.Headers.RetryAfter = Math.Max(1, (retry + 999) / 1000).ToString(CultureInfo.InvariantCulture);
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                    $"Rate limit reached for this account; retry after {retry} ms.", "rate_limit_error", "rate_limit_exceeded").ConfigureAwait(false);
                return;
            case EnforcementAction.Challenge:
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status403Forbidden,
                    "This account must complete verification before it can continue.", "permission_error", "verification_required").ConfigureAwait(false);
                return;
            case EnforcementAction.Block:
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status403Forbidden,
                    "Access from this account is blocked under the provider's usage policies.", "permission_error", "access_blocked").ConfigureAwait(false);
                return;
        }

        if (decision.Rewrite is { } rewrite)
        {
            raw = JsonSerializer.SerializeToUtf8Bytes(rewrite, ServerJsonContext.Default.JsonObject);
        }

        if (raw is not null)
        {
            request.Body = new MemoryStream(raw, writable: false);
            request.ContentLength = raw.Length;
        }

        var original = context.Response.Body;
        using var capture = new ResponseCapture(original, _options.MaxCapturedResponseBytes);
        context.Response.Body = capture;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (body is not null && raw is not null && StringOf(body, "model") is not null)
        {
            var contentType = context.Response.ContentType ?? string.Empty;
            recorder.Enqueue(new ServedExchange(
                arrived,
                account,
                string.IsNullOrEmpty(endUser) ? null : endUser,
                ClientAddress.Resolve(context, _trusted)?.ToString(),
                request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
                raw,
                context.Response.StatusCode,
                contentType.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase),
                capture.Captured.ToArray(),
                time.GetElapsedTime(started).TotalMilliseconds));
        }
    }

    private static string? StringOf(JsonObject? body, string name) =>
        body?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = request.ContentLength is { } length and <= int.MaxValue ? new MemoryStream((int)length) : new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
