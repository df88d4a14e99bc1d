using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// Authenticates TAXII peers by HTTP Basic (<c>username:password</c>) or Bearer credentials against the configured
/// hashes; used only by the <c>/taxii2</c> endpoints, apart from the <c>/v1</c> API keys. A challenge is 401 with a
/// Basic and a Bearer <c>WWW-Authenticate</c> challenge and the TAXII error message.
/// </summary>
internal sealed class TaxiiPeerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TaxiiDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "TaxiiPeer";

    private const string Realm = "DistillGuard TAXII";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var peer = Find(header);
        if (peer is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown TAXII peer credentials"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, peer.Name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers[HeaderNames.WWWAuthenticate] = new StringValues([$"Basic realm=\"{Realm}\", charset=\"UTF-8\"", $"Bearer realm=\"{Realm}\""]);
        await TaxiiResults.Unauthorized().ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TaxiiResults.Forbidden("This peer may not make this request.").ExecuteAsync(Context);

    private TaxiiPeer? Find(string header)
    {
        if (BearerToken.TryRead(header, out var token))
        {
            return directory.FindBearer(token);
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : directory.FindBasic(decoded[..colon], decoded[(colon + 1)..]);
    }
}
