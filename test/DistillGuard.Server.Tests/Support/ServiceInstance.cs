using System.Net.Http.Headers;
using DistillGuard.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Server.Tests.Support;

/// <summary>A DistillGuard service on real Kestrel at 127.0.0.1 (a free port), with one key of each role.</summary>
public sealed class ServiceInstance : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789abcdefghij";
    public const string AnalystKey = "test-analyst-key-0123456789abcdefghij";
    public const string IngestKey = "test-ingest-key-0123456789abcdefghij";

    private readonly List<HttpClient> _clients = [];
    private bool _abandoned;

    private ServiceInstance(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public static async Task<ServiceInstance> StartAsync(
        StoreLocation store,
        IReadOnlyDictionary<string, string?>? configuration = null,
        Uri? upstream = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var values = new Dictionary<string, string?>
        {
            ["DistillGuard:Server:Keys:0:Name"] = "admin-test",
            ["DistillGuard:Server:Keys:0:Role"] = "Admin",
            ["DistillGuard:Server:Keys:0:Key"] = AdminKey,
            ["DistillGuard:Server:Keys:1:Name"] = "analyst-test",
            ["DistillGuard:Server:Keys:1:Role"] = "Analyst",
            ["DistillGuard:Server:Keys:1:Key"] = AnalystKey,
            ["DistillGuard:Server:Keys:2:Name"] = "ingest-test",
            ["DistillGuard:Server:Keys:2:Role"] = "Ingest",
            ["DistillGuard:Server:Keys:2:Key"] = IngestKey,
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var settings = new ServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            SqlitePath = store.SqlitePath ?? "unused.db",
            PostgresConnectionString = store.PostgresConnectionString,
            Upstream = upstream,
            Configuration = values,
            Time = time ?? TimeProvider.System,
        };
        var app = DistillGuardServer.Build(settings);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ServiceInstance(app, new Uri(app.Urls.First()));
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        _clients.Add(client);
        return client;
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Ends the service without a clean stop (no final checkpoint), as a crash would.</summary>
    public async Task AbandonAsync()
    {
        _abandoned = true;
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (!_abandoned)
        {
            await App.StopAsync(CancellationToken.None);
            await App.DisposeAsync();
        }
    }
}
