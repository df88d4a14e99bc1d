using DistillGuard.Core.Engine;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Hosting;
using DistillGuard.Server.Taxii;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Sharing;

/// <summary>
/// Wires sharing with peers: its options (section <c>DistillGuard:Sharing</c>, validated at start against the TAXII
/// server's collections), the index of peer indicators as the engine's <see cref="DetectionOptions.PeerIndicators"/>,
/// the start-up load of that index, the background poller, and the <c>/v1/share</c> endpoints.
/// </summary>
internal static class SharingSetup
{
    /// <summary>Adds the sharing services; call between the store's start-up service and the engine's, since it loads the index in between.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>DistillGuard</c> configuration section.</param>
    public static void AddSharing(IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<SharingOptions>().Bind(section.GetSection("Sharing")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SharingOptions>>(sp => new OptionsValidator<SharingOptions>(
            o => o.Validate([.. sp.GetRequiredService<IOptions<TaxiiOptions>>().Value.Collections.Select(c => c.Id)])));
        services.AddHttpClient(SharingCoordinator.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<SharingKeys>();
        services.AddSingleton<SharingStore>();
        services.AddSingleton<SharingCoordinator>();
        services.Replace(ServiceDescriptor.Singleton(sp => new DetectionOptions
        {
            PeerIndicators = sp.GetRequiredService<SharingKeys>().Index,
            AllowListedAccounts = sp.GetRequiredService<IOptions<EngineHostOptions>>().Value.AllowListedAccountSet(),
        }));
        services.AddHostedService<SharingStartupService>();
        services.AddHostedService<SharingPoller>();
    }

    /// <summary>Maps the <c>/v1/share</c> endpoints.</summary>
    /// <param name="api">The <c>/v1</c> group.</param>
    public static void MapSharing(IEndpointRouteBuilder api) => SharingEndpoints.Map(api);
}
