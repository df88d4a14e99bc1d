using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Server.Dossier;

/// <summary>Wires the evidence dossier: its collector, the PDF printer and the endpoint (options: <c>DistillGuard:Dossier</c>, bound with the rest of the configuration).</summary>
internal static class DossierSetup
{
    /// <summary>Adds the dossier's services.</summary>
    public static void AddDossier(IServiceCollection services)
    {
        services.AddSingleton<DossierCollector>();
        services.AddSingleton<DossierPdfPrinter>();
    }

    /// <summary>Maps <c>GET /v1/campaigns/{id}/dossier</c>.</summary>
    /// <param name="api">The <c>/v1</c> group.</param>
    public static void MapDossier(IEndpointRouteBuilder api) => DossierEndpoints.Map(api);
}
