using DistillGuard.Core.Storage;
using DistillGuard.Ingest.Nats;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Ingestion;

/// <summary>Registers the ingest path: the embedded journal by default, or a NATS JetStream stream and its pump.</summary>
internal static class IngestSetup
{
    /// <summary>The section under <c>DistillGuard</c>.</summary>
    public const string SectionName = "Ingest";

    public static void AddIngest(IServiceCollection services, DistillGuardConfiguration configuration)
    {
        // The mode decides which services exist, so it is read when they are registered; a value that does not check
        // leaves the journal here, and the check at start stops the service with the problem.
        var streamed = configuration.Unvalidated<IngestOptions>(SectionName).Mode == IngestMode.Nats;
        services.AddSingleton(sp => new IngestWriter(
            sp.GetRequiredService<EngineHost>(),
            streamed ? sp.GetRequiredService<IIngestLog>() : null,
            sp.GetRequiredService<IOptions<EngineHostOptions>>().Value.StorePromptText));
        if (streamed)
        {
            services.AddSingleton<IIngestLog>(sp => new NatsIngestLog(sp.GetRequiredService<IOptions<IngestOptions>>().Value.Nats, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IngestPump>();

            // After the engine's lifetime service: the restore has run before the pump applies anything, and the pump
            // stops before the last checkpoint is written.
            services.AddHostedService(sp => sp.GetRequiredService<IngestPump>());
        }
    }
}
