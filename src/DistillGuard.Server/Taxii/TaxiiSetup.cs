using DistillGuard.Core.Storage;
using DistillGuard.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// Wires the TAXII 2.1 server: its options (section <c>DistillGuard:Taxii</c>, validated at start), the
/// <see cref="ITaxiiStore"/> (the service's store), the <c>TaxiiPeer</c> authentication scheme apart from the API keys,
/// and the <c>/taxii2/</c> endpoints.
/// </summary>
internal static class TaxiiSetup
{
    /// <summary>Adds the TAXII services.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>DistillGuard</c> configuration section.</param>
    public static void AddTaxii(IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<TaxiiOptions>().Bind(section.GetSection("Taxii")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TaxiiOptions>>(new OptionsValidator<TaxiiOptions>(o => o.Validate()));
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
