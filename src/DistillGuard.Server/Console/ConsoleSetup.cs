using DistillGuard.Core.Storage;
using DistillGuard.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.AnalystConsole;

/// <summary>
/// Wires the analyst console: Razor components rendered on the server, a cookie session opened with an analyst or
/// admin API key (HttpOnly, SameSite=Strict, a fixed lifetime from <see cref="ConsoleOptions.SessionLifetime"/>, ended
/// at once when the key is revoked), antiforgery tokens, the case book, and the pages under <see cref="Prefix"/>.
/// </summary>
/// <remarks>
/// The session is only for <c>/console</c>: the API keeps accepting bearer keys alone, so a console cookie can never
/// authorise an API call (no cross-site request reaches the API with the analyst's rights). The cookie and antiforgery
/// keys are ephemeral (in memory): a restart signs every analyst out, and no key is written to the home directory.
/// </remarks>
internal static class ConsoleSetup
{
    /// <summary>Where the console is mounted, on <c>serve</c> and on <c>gateway</c>.</summary>
    public const string Prefix = "/console";

    /// <summary>The cookie authentication scheme of the console.</summary>
    public const string Scheme = "Console";

    /// <summary>The authorization policy of the console's pages: a console session of an analyst or admin key.</summary>
    public const string Policy = "console";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "distillguard_console";

    public static void AddConsole(IServiceCollection services, AuthenticationBuilder authentication, TimeProvider time)
    {
        services.AddRazorComponents();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "distillguard_console_antiforgery";
            options.Cookie.Path = Prefix;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = "RequestVerificationToken";
        });
        authentication.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = Prefix;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = false;
            options.LoginPath = Prefix + "/sign-in";
            options.ReturnUrlParameter = "return";
            options.TimeProvider = time;
            options.Events.OnValidatePrincipal = ValidateAsync;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<ConsoleOptions>>((cookie, console) => cookie.ExpireTimeSpan = console.Value.SessionLifetime);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(RoleNames.Analyst, RoleNames.Admin));
        services.AddSingleton(sp => (ICaseStore)sp.GetRequiredService<IServiceStore>());
        services.AddSingleton(sp => (IActivityStore)sp.GetRequiredService<IServiceStore>());
        services.AddSingleton<CaseBook>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<ConsoleDecisions>();
    }

    /// <summary>Registers the start of the console (the case book's load); after the store's start.</summary>
    public static void AddStartup(IServiceCollection services) => services.AddHostedService<ConsoleStartupService>();

    public static void Map(IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        ConsoleEndpoints.Map(app);
        ConsoleEndpoints.MapApi(api);
    }

    /// <summary>Ends a session whose key was revoked (or whose role changed) since sign-in.</summary>
    private static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyRing>();
        var keyId = context.Principal?.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
        var role = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        var key = keys.Keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null || RoleNames.Of(key.Role) != role)
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(Scheme);
        }

        return Task.CompletedTask;
    }
}
