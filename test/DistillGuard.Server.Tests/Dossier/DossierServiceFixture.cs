using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Sharing;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Dossier;

/// <summary>
/// One service (SQLite, prompt text stored, sharing configured, a fixed clock) that has ingested the simulated traffic,
/// with an override carrying markup on a campaign member, and its campaigns published.
/// </summary>
public sealed class DossierServiceFixture : IAsyncLifetime
{
    public const string MarkupReason = "<script>alert('dossier')</script> confirmed harvesting";

    private StoreLocation? _store;

    public ServiceInstance Service { get; private set; } = null!;

    public string CampaignId { get; private set; } = null!;

    public IReadOnlyList<string> Members { get; private set; } = [];

    public string OverriddenMember { get; private set; } = null!;

    public IReadOnlyList<string> PublishedIndicators { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        _store = StoreLocation.Sqlite();
        var configuration = SharingProviders.ProviderA();
        configuration["DistillGuard:Engine:StorePromptText"] = "true";
        Service = await ServiceInstance.StartAsync(_store, configuration, time: SharingProviders.Clock());
        await SimulatedTraffic.PostAllAsync(Service.Client(ServiceInstance.IngestKey));
        var admin = Service.Client(ServiceInstance.AdminKey);
        using var published = await admin.PostAsync("/v1/share/publish", null, CancellationToken.None);
        published.EnsureSuccessStatusCode();
        var result = (await published.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None))!["published"]!.AsArray();

        var analyst = Service.Client(ServiceInstance.AnalystKey);
        var campaigns = JsonNode.Parse(await analyst.GetStringAsync("/v1/campaigns", CancellationToken.None))!["campaigns"]!.AsArray();
        var publishedIds = result.Select(p => p!["campaign"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var campaign = campaigns
            .OrderByDescending(c => publishedIds.Contains(c!["id"]!.GetValue<string>()))
            .ThenByDescending(c => c!["subjects"]!.AsArray().Count)
            .First()!;
        CampaignId = campaign["id"]!.GetValue<string>();
        Members = [.. campaign["subjects"]!.AsArray().Select(s => s!["account_id"]!.GetValue<string>())];
        OverriddenMember = Members[0];
        PublishedIndicators = [.. result
            .Where(p => p!["campaign"]!.GetValue<string>() == CampaignId)
            .SelectMany(p => p!["indicators"]!.AsArray().Select(i => i!.GetValue<string>()))];

        using var created = await admin.PostAsync("/v1/overrides", new StringContent(new JsonObject
        {
            ["account_id"] = OverriddenMember,
            ["action"] = "block",
            ["reason"] = MarkupReason,
            ["expires_at"] = "2999-01-01T00:00:00Z",
        }.ToJsonString(), Encoding.UTF8, "application/json"), CancellationToken.None);
        created.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
