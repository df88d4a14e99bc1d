using System.Globalization;
using DistillGuard.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DistillGuard.ServiceBench;

/// <summary>
/// A DistillGuard service started in this process on 127.0.0.1 with a fresh SQLite file in a temporary folder, a
/// known admin key and a per-key API rate limit too high to interfere; in gateway mode when given an upstream.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    /// <summary>The admin key the bench authenticates with.</summary>
    public const string AdminKey = "bench-admin-key-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly DirectoryInfo _folder;

    private ServiceHost(WebApplication app, DirectoryInfo folder, Uri baseAddress, string apiPrefix)
    {
        _app = app;
        _folder = folder;
        BaseAddress = baseAddress;
        ApiPrefix = apiPrefix;
    }

    /// <summary>Gets the address the service listens on.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the API's path prefix: <c>/v1</c>, or <c>/distillguard/v1</c> in gateway mode.</summary>
    public string ApiPrefix { get; }

    /// <summary>Starts a service and waits until <c>/healthz</c> says it is ready.</summary>
    public static Task<ServiceHost> StartAsync(Uri? upstream, CancellationToken cancellationToken) =>
        StartAsync(upstream, new Dictionary<string, string?>(), cancellationToken);

    /// <summary>Starts a service with extra settings (for example <c>DistillGuard:Ingest:Mode</c>) and waits until it is ready.</summary>
    public static async Task<ServiceHost> StartAsync(Uri? upstream, IReadOnlyDictionary<string, string?> configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Directory.CreateTempSubdirectory("distillguard-servicebench-");
        var settings = new ServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            SqlitePath = Path.Combine(folder.FullName, "service.db"),
            Upstream = upstream,
            AdminKeyFromEnvironment = AdminKey,
            Configuration = new Dictionary<string, string?>(configuration)
            {
                ["DistillGuard:Server:ApiRequestsPerSecond"] = 1_000_000.ToString(CultureInfo.InvariantCulture),
                ["DistillGuard:Server:ApiBurst"] = 1_000_000.ToString(CultureInfo.InvariantCulture),
            },
        };

        var app = DistillGuardServer.Build(settings, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = new Uri(app.Urls.First());
        var prefix = upstream is null ? "/v1" : DistillGuardServer.GatewayApiPrefix + "/v1";
        var host = new ServiceHost(app, folder, address, prefix);
        await host.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>Stops the service and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is not worth failing the bench for.
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var client = BenchHttp.CreateClient(BaseAddress, bearer: null);
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (attempt > 600)
            {
                throw new InvalidOperationException($"the service at {BaseAddress} did not become ready: /healthz answers {(int)response.StatusCode}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }
}
