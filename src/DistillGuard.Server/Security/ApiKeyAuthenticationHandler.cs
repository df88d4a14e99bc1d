using System.Security.Claims;
using System.Text.Encodings.Web;
using DistillGuard.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Security;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the key ring; a challenge is 401 with <c>WWW-Authenticate</c>, a refusal 403, both with the API's error body.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "Bearer";

    /// <summary>The claim that carries the key's public id.</summary>
    public const string KeyIdClaim = "distillguard:key_id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!BearerToken.TryRead(header, out var token))
        {
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header is not a bearer token"));
        }

        var record = keys.Find(token);
        if (record is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, record.Name),
                new Claim(ClaimTypes.Role, RoleNames.Of(record.Role)),
                new Claim(KeyIdClaim, record.KeyId),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"distillguard\"";
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var message = result.Failure?.Message is { } failure ? failure + "; send Authorization: Bearer <key>" : ApiResults.DescribeStatus(StatusCodes.Status401Unauthorized);
        await ApiResults.Unauthorized(message).ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiResults.Forbidden($"the key's role ({Context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none"}) does not allow {Request.Method} {Request.Path}").ExecuteAsync(Context);
}
