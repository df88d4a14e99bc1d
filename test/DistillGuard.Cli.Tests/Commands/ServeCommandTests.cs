using System.Net;
using System.Net.Sockets;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class ServeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("127.0.0.1:8000")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/v1")]
    [InlineData("not a url")]
    public async Task Gateway_UpstreamNotAnAbsoluteHttpUrl_ExitsTwoWithOneLine(string upstream)
    {
        var run = await CliRun.RunAsync("gateway", "--upstream", upstream, "--db", _folder.File("dg.db"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--upstream must be an absolute http or https URL", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_HttpUpstream_ServesUntilCancelledThenExitsZero()
    {
        var port = FreePort();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var running = Program.RunAsync(
            ["gateway", "--upstream", "http://127.0.0.1:8000", "--urls", $"http://127.0.0.1:{port}", "--db", _folder.File("dg.db")],
            TextWriter.Synchronized(output),
            TextWriter.Synchronized(error),
            stop.Token);

        await WaitHealthyAsync(port, running);
        await stop.CancelAsync();
        var exitCode = await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, error.ToString());
        Assert.Contains("forwarding to http://127.0.0.1:8000/", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ShutdownTimeoutNotPositive_ExitsTwoWithOneLine()
    {
        var run = await CliRun.RunAsync("serve", "--shutdown-timeout", "0", "--db", _folder.File("dg.db"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--shutdown-timeout must be a number greater than 0", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task WaitHealthyAsync(int port, Task<int> running)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            Assert.False(running.IsCompleted, "the command ended before it was healthy");
            try
            {
                using var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail("not healthy within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
