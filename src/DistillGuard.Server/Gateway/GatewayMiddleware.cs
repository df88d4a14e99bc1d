using System.Globalization;
using DistillGuard.Core.Policies;
using DistillGuard.Server.Decisions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Gateway;

/// <summary>
/// Runs in the reverse proxy's pipeline before a request is forwarded: finds the subject, asks for a decision
/// in-process on its body (decoded and parsed whatever its Content-Type or Content-Encoding), and enforces it (rewrite
/// for <c>degrade</c>; 429 or 403 in the OpenAI error shape for <c>throttle</c>, <c>challenge</c> and <c>block</c>);
/// then forwards, passes the response through as it comes, and queues the served exchange for the engine.
/// </summary>
internal sealed class GatewayMiddleware(
    RequestDelegate next,
    DecisionService decisions,
    GatewayRecorder recorder,
    IOptions<GatewayOptions> options,
    IOptions<ServerOptions> server,
    TimeProvider time)
{
    private readonly GatewayOptions _options = options.Value;
    private readonly long _maxBodyBytes = server.Value.MaxRequestBodyBytes;
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

        // Every body is judged, whatever its Content-Type or Content-Encoding: one that is not a JSON object is refused,
        // so nothing a decision should have rewritten reaches the upstream unread.
        var (raw, refusal) = await GatewayBodyReader.ReadAsync(request, _maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (refusal is not null)
        {
            await OpenAiErrors.WriteAsync(context, refusal.Status, refusal.Message, refusal.Type, refusal.Code).ConfigureAwait(false);
            return;
        }

        using var body = raw!.Length > 0 ? GatewayRequestBody.TryParse(raw, _options.MaxBodyDepth) : null;
        if (raw.Length > 0 && body is null)
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"The request body must be one JSON object (nested at most {_options.MaxBodyDepth} deep), whatever its Content-Type.",
                "invalid_request_error", "invalid_json").ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(endUser))
        {
            endUser = body?.StringOf("safety_identifier") ?? body?.StringOf("user") ?? string.Empty;
        }

        var decision = decisions.Decide(account, endUser, body?.Top, body?.KeptKeys);
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

        if (decision.Rewrite is not null)
        {
            raw = body!.Write();
        }

        if (raw.Length > 0 || request.Headers.ContentEncoding.Count > 0)
        {
            // Forwarded decoded: the upstream gets what was judged (and rewritten), not the encoding.
            request.Headers.Remove("Content-Encoding");
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

        if (body?.StringOf("model") is not null)
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
}
