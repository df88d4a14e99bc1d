using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;

namespace DistillGuard.Server.Gateway;

/// <summary>Wires the YARP reverse proxy: one catch-all route to the upstream, with enforcement in its pipeline.</summary>
internal static class GatewaySetup
{
    public static void AddGateway(IServiceCollection services, Uri upstream)
    {
        services.AddSingleton<GatewayRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayRecorder>());
        services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "upstream", ClusterId = "upstream", Match = new RouteMatch { Path = "{**catch-all}" } }],
            [
                new ClusterConfig
                {
                    ClusterId = "upstream",
                    Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)
                    {
                        ["upstream"] = new DestinationConfig { Address = upstream.ToString() },
                    },
                },
            ]);
    }

    public static void MapGateway(WebApplication app) =>
        app.MapReverseProxy(pipeline => pipeline.UseMiddleware<GatewayMiddleware>());
}
