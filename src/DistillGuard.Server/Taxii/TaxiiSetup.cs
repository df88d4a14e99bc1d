using DistillGuard.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// Wires the TAXII 2.1 server: its options (section <c>DistillGuard:Taxii</c>, bound and validated at start by <c>DistillGuardConfiguration</c>), the
/// <see cref="ITaxiiStore"/> (the service's store), the <c>TaxiiPeer</c> authentication scheme apart from the API keys,
/// and the <c>/taxii2/</c> endpoints.
/// </summary>
internal static class TaxiiSetup
{
    /// <summary>Adds the TAXII services.</summary>
    /// <param name="services">The services.</param>
    public static void AddTaxii(IServiceCollection services)
    {
        // Bound and validated with the rest of the configuration (DistillGuardConfiguration).
        services.AddOptions<TaxiiOptions>();
        services.AddSingleton<TaxiiDirectory>();
        services.AddSingleton(sp => sp.GetRequiredService<IServiceStore>() as ITaxiiStore
            ?? throw new InvalidOperationException("The configured store does not implement ITaxiiStore, which the TAXII server needs."));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TaxiiPeerAuthenticationHandler>(TaxiiPeerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(TaxiiEndpoints.PolicyName, p => p.AddAuthenticationSchemes(TaxiiPeerAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
    }

    /// <summary>Maps the <c>/taxii2/</c> endpoints.</summary>
    /// <param name="app">The application.</param>
    public static void MapTaxii(WebApplication app) => TaxiiEndpoints.Map(app);
}
