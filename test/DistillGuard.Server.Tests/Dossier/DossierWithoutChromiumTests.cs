using System.Net;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.Server.Tests.Dossier;

public sealed class DossierWithoutChromiumTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetDossier_PdfWithAMissingChromium_Answers503AndHtmlStillWorks()
    {
        await using var store = StoreLocation.Sqlite();
        await using var service = await ServiceInstance.StartAsync(store, new Dictionary<string, string?>
        {
            ["DistillGuard:Dossier:ChromiumPath"] = "/nonexistent/chromium",
        });
        await SimulatedTraffic.PostAllAsync(service.Client(ServiceInstance.IngestKey));
        var analyst = service.Client(ServiceInstance.AnalystKey);
        var campaigns = System.Text.Json.Nodes.JsonNode.Parse(await analyst.GetStringAsync("/v1/campaigns", Ct))!["campaigns"]!.AsArray();
        var id = campaigns[0]!["id"]!.GetValue<string>();

        using var pdf = await analyst.GetAsync($"/v1/campaigns/{id}/dossier?format=pdf", Ct);
        var body = await pdf.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);
        Assert.Equal("application/json", pdf.Content.Headers.ContentType?.MediaType);
        var error = System.Text.Json.Nodes.JsonNode.Parse(body)!["error"]!;
        Assert.Equal("pdf_unavailable", error["code"]!.GetValue<string>());
        Assert.Contains("/nonexistent/chromium", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("format=html", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

        using var html = await analyst.GetAsync($"/v1/campaigns/{id}/dossier?format=html", Ct);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("The service does not store prompt text", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RelativeChromiumPath_IsRefusedWithItsSetting()
    {
        await using var store = StoreLocation.Sqlite();
        var problem = await Assert.ThrowsAnyAsync<Exception>(() => ServiceInstance.StartAsync(store, new Dictionary<string, string?>
        {
            ["DistillGuard:Dossier:ChromiumPath"] = "chromium",
            ["DistillGuard:Dossier:MaxConcurrentRenders"] = "0",
        }));

        Assert.Contains("Dossier:ChromiumPath must be an absolute path", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Dossier:MaxConcurrentRenders must be in [1, 64]", problem.Message, StringComparison.Ordinal);
    }
}
