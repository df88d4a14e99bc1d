using System.Text.Json.Nodes;

namespace DistillGuard.Server.Tests.Support;

/// <summary>One service (SQLite) that has ingested the simulated traffic, shared by a test class.</summary>
public sealed class SimulatedServiceFixture : IAsyncLifetime
{
    private StoreLocation? _store;

    public ServiceInstance Service { get; private set; } = null!;

    public long Accepted { get; private set; }

    public JsonNode Findings { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _store = StoreLocation.Sqlite();
        Service = await ServiceInstance.StartAsync(_store);
        Accepted = await SimulatedTraffic.PostAllAsync(Service.Client(ServiceInstance.IngestKey));
        using var response = await Service.Client(ServiceInstance.AnalystKey).GetAsync("/v1/findings", CancellationToken.None);
        response.EnsureSuccessStatusCode();
        Findings = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!;
    }

    /// <summary>Account ids (no end user) with the given verdict, most certain first.</summary>
    public IEnumerable<string> Accounts(string verdict, bool? inCampaign = null) =>
        Findings["subjects"]!.AsArray()
            .Where(s => s!["end_user_id"] is null && s["verdict"]!.GetValue<string>() == verdict)
            .Where(s => inCampaign is null || (s!["campaign_id"] is not null) == inCampaign)
            .Select(s => s!["account_id"]!.GetValue<string>());

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
