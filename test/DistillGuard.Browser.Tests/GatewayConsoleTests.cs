using System.Net;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.Browser.Tests;

/// <summary>The console on <c>distillguard gateway</c>: its paths are the service's own, never forwarded upstream.</summary>
public sealed class GatewayConsoleTests
{
    [Fact]
    public async Task Gateway_ConsolePaths_AreServedByTheGatewayAndNotForwarded()
    {
        using var folder = new TempFolder();

        // Nothing listens on the upstream's port: a forwarded request would answer 502.
        using var gateway = await ServiceProcess.StartAsync(folder.File("gateway.db"), "gateway", "--upstream", "http://127.0.0.1:9");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.Address };

        using var signIn = await client.GetAsync("console/sign-in", TestContext.Current.CancellationToken);
        using var script = await client.GetAsync("console/lib/htmx/htmx.min.js", TestContext.Current.CancellationToken);
        using var queue = await client.GetAsync("console/queue", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("id=\"api_key\"", await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.StartsWith("/console/sign-in", queue.Headers.Location!.PathAndQuery);
        Assert.Equal(0, await gateway.StopAsync());
    }
}
