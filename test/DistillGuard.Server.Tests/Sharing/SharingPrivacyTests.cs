using System.Net;
using System.Text.Json.Nodes;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Sharing;

/// <summary>
/// What leaves: every campaign the simulated traffic yields is exported, and no raw client address, payment fingerprint,
/// e-mail domain, TLS fingerprint, account id or prompt text of any customer occurs anywhere in the bundles.
/// </summary>
public sealed class SharingPrivacyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_EveryCampaignOfSimulatedTraffic_CarriesNoRawCustomerValue()
    {
        var clock = SharingProviders.Clock();
        await using var store = StoreLocation.Sqlite();
        await using var a = await ServiceInstance.StartAsync(store, SharingProviders.ProviderA(), time: clock);
        await SimulatedTraffic.PostAllAsync(a.Client(ServiceInstance.IngestKey));
        var analyst = a.Client(ServiceInstance.AnalystKey);
        using var findingsResponse = await analyst.GetAsync("/v1/campaigns", Ct);
        var campaigns = JsonNode.Parse(await findingsResponse.Content.ReadAsStringAsync(Ct))!["campaigns"]!.AsArray();
        Assert.NotEmpty(campaigns);

        var bundles = new List<string>();
        foreach (var campaign in campaigns)
        {
            using var response = await analyst.GetAsync($"/v1/share/export/{campaign!["id"]!.GetValue<string>()}?tlp=amber", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bundles.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        var exported = string.Join('\n', bundles);
        Assert.Contains(bundles.SelectMany(b => JsonNode.Parse(b)!["objects"]!.AsArray()), o => o!["type"]!.GetValue<string>() == "indicator");
        var raw = RawValues().ToList();
        Assert.True(raw.Count > 1000, $"only {raw.Count} raw values to look for");
        foreach (var value in raw)
        {
            Assert.DoesNotContain(value, exported, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Every identifying value in the traffic: addresses, cards, domains, TLS fingerprints, account ids, prompts.</summary>
    private static IEnumerable<string> RawValues()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in SimulatedTraffic.Lines)
        {
            var line = JsonNode.Parse(text)!;
            values.Add(line["account_id"]!.GetValue<string>());
            Add(values, line["end_user_id"]);
            Add(values, line["client"]?["ip"]);
            Add(values, line["client"]?["tls_fingerprint"]);
            Add(values, line["billing"]?["payment_fingerprint"]);
            Add(values, line["billing"]?["email_domain"]);
            foreach (var message in line["request"]!["messages"]!.AsArray())
            {
                if (message!["content"] is JsonValue content && content.GetValue<string>() is { Length: >= 24 } prompt)
                {
                    // The first words of a prompt: enough to find a copy, short of the wrapper text every harvester shares.
                    values.Add(prompt[..24]);
                }
            }
        }

        // Values so short or common that they occur by chance in any JSON (a two-letter domain part, a digit) say nothing.
        return values.Where(v => v.Length >= 6);
    }

    private static void Add(HashSet<string> values, JsonNode? node)
    {
        if (node is JsonValue value && value.GetValue<string>() is { Length: > 0 } text)
        {
            values.Add(text);
        }
    }
}
