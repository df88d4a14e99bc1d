using System.Globalization;
using System.Threading.RateLimiting;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Storage;
using DistillGuard.Server.AnalystConsole;
using DistillGuard.Server.Api;
using DistillGuard.Server.Audit;
using DistillGuard.Server.Decisions;
using DistillGuard.Server.Dossier;
using DistillGuard.Server.Engine;
using DistillGuard.Server.Gateway;
using DistillGuard.Server.Ingestion;
using DistillGuard.Server.Observability;
using DistillGuard.Server.Overrides;
using DistillGuard.Server.Policies;
using DistillGuard.Server.Security;
using DistillGuard.Server.Sharing;
using DistillGuard.Server.Taxii;
using DistillGuard.Storage.PostgreSql;
using DistillGuard.Storage.Sqlite;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace DistillGuard.Server.Hosting;

/// <summary>
/// Builds the DistillGuard service: the engine host, the store, the <c>/v1</c> API with key authentication and
/// per-key rate limits, <c>/healthz</c> and <c>/metrics</c>, and in gateway mode the reverse proxy in front of an
/// OpenAI-compatible upstream (where the API moves under <c>/distillguard</c>, since the upstream owns <c>/v1</c>).
/// </summary>
public static class DistillGuardServer
{
    /// <summary>The name of the per-key rate-limiting policy.</summary>
    internal const string PerKeyRateLimit = "per-key";

    /// <summary>The API's path prefix in gateway mode.</summary>
    public const string GatewayApiPrefix = "/distillguard";

    /// <summary>Builds the application; <see cref="WebApplication.RunAsync(string?)"/> or StartAsync runs it.</summary>
    /// <param name="settings">What the command line gave.</param>
    /// <param name="configure">A last chance to change the services (tests).</param>
    public static WebApplication Build(ServerSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // No configuration reload: it would watch the working directory (whatever it holds) for the life of the service.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        ConfigureSources(builder.Configuration, settings);
        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);

        // A failed start is reported once, by the caller (the command prints the reason in one line), not with a stack.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        var services = builder.Services;
        var section = builder.Configuration.GetSection("DistillGuard");
        services.AddSingleton(settings);
        services.AddSingleton(settings.Time);
        var policies = settings.PoliciesFile is { } policiesFile
            ? new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(policiesFile), optional: false).Build()
            : (IConfiguration)section.GetSection("Policies");
        var configuration = new DistillGuardConfiguration(section, policies);

        // Kestrel is built with the application (before the options are validated), so its limit is read without
        // validation: an out-of-range value is left to the check at start to report (Kestrel throws on a negative one).
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limit = configuration.Unvalidated<ServerOptions>("Server").MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestBodySize = limit >= ServerOptions.MinRequestBodyBytes ? limit : new ServerOptions().MaxRequestBodyBytes;
        });

        AddStore(services, settings);
        services.AddSingleton<StoreWriterLock>();
        services.AddSingleton(new DetectionOptions());
        services.AddSingleton<DistillGuardMetrics>();
        services.AddSingleton<EngineHost>();
        services.AddSingleton<IngestScheduler>();
        services.AddSingleton<ExchangeIngestor>();
        services.AddSingleton<PolicyEvaluator>();
        services.AddSingleton<RequestRewriter>();
        services.AddSingleton<SignalBoard>();
        services.AddSingleton<OverrideBook>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<DecisionService>();
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<ApiKeyBootstrapper>();
        services.AddSingleton<ApiJson>();

        // Start order matters: the store and keys first, then the engine's restore, then the audit writer.
        services.AddHostedService<StoreStartupService>();
        ConsoleSetup.AddStartup(services);
        SharingSetup.AddSharing(services, section);
        services.AddHostedService<EngineLifetimeService>();
        IngestSetup.AddIngest(services, configuration);
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());

        var authentication = services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        ConsoleSetup.AddConsole(services, authentication, settings.Time);
        services.AddAuthorizationBuilder()
            .AddPolicy(RoleNames.CanIngest, p => p.RequireRole(RoleNames.Ingest, RoleNames.Admin))
            .AddPolicy(RoleNames.CanDecide, p => p.RequireRole(RoleNames.Ingest, RoleNames.Analyst, RoleNames.Admin))
            .AddPolicy(RoleNames.CanRead, p => p.RequireRole(RoleNames.Analyst, RoleNames.Admin))
            .AddPolicy(RoleNames.CanAdminister, p => p.RequireRole(RoleNames.Admin));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, _) =>
            {
                var seconds = 1;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after))
                {
                    seconds = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));
                    context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await ApiResults.Error(
                    StatusCodes.Status429TooManyRequests,
                    "too_many_requests",
                    string.Create(CultureInfo.InvariantCulture, $"this key is over its rate of API requests; retry after {seconds} s")).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
            limiter.AddPolicy(PerKeyRateLimit, context =>
            {
                var server = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
                var partition = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value
                    ?? "address:" + context.Connection.RemoteIpAddress;
                // Replenished from the service's clock, one token per 1/rate of a second, as the decisions' buckets.
                var time = context.RequestServices.GetRequiredService<TimeProvider>();
                return RateLimitPartition.Get<string>(partition, _ => new ClockedTokenBucketLimiter(
                    time, server.ApiBurst, TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerSecond / server.ApiRequestsPerSecond))));
            });
        });
        TaxiiSetup.AddTaxii(services);
        DossierSetup.AddDossier(services);

        // After TaxiiSetup and SharingSetup: it replaces their bindings with checked ones and checks everything at start.
        configuration.AddTo(services);
        // With the runtime's own meter (garbage collections and their pause time, thread pool, CPU): what a decision's
        // latency depends on besides the service's code.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(DistillGuardMetrics.MeterName, "System.Runtime").AddPrometheusExporter());
        if (settings.Upstream is not null)
        {
            GatewaySetup.AddGateway(services, settings.Upstream);
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseMiddleware<BadRequestMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        var prefix = settings.Upstream is null ? string.Empty : GatewayApiPrefix;
        app.MapGet("/healthz", (EngineHost host) => host.Ready
            ? Results.Text("ok\n", "text/plain")
            : Results.Text("restoring\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable)).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(prefix + "/metrics").RequireAuthorization(RoleNames.CanRead);
        var api = app.MapGroup(prefix + "/v1").RequireRateLimiting(PerKeyRateLimit);
        ExchangeEndpoints.Map(api);
        FindingEndpoints.Map(api);
        DecisionEndpoints.Map(api);
        OverrideEndpoints.Map(api);
        KeyEndpoints.Map(api);
        SharingSetup.MapSharing(api);
        DossierSetup.MapDossier(api);
        ConsoleSetup.Map(app, api);
        TaxiiSetup.MapTaxii(app);
        if (settings.Upstream is not null)
        {
            GatewaySetup.MapGateway(app);
        }

        return app;
    }

    private static void ConfigureSources(ConfigurationManager configuration, ServerSettings settings)
    {
        if (settings.SettingsFile is { } file)
        {
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        configuration.AddInMemoryCollection(settings.Configuration);
    }

    private static void AddStore(IServiceCollection services, ServerSettings settings)
    {
        if (settings.PostgresConnectionString is { } connection)
        {
            services.AddSingleton<IServiceStore>(new PostgreSqlServiceStore(new PostgreSqlStoreOptions { ConnectionString = connection }));
        }
        else
        {
            services.AddSingleton<IServiceStore>(new SqliteServiceStore(new SqliteStoreOptions { DataSource = Path.GetFullPath(settings.SqlitePath) }));
        }
    }
}
