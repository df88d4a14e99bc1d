using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary><c>serve</c> and <c>gateway</c> stopped as providers stop services: SIGTERM (systemd, Kubernetes) and SIGINT (Ctrl+C).</summary>
public sealed class ServiceLifecycleTests(SimulatedTraffic traffic) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("TERM", "serve")]
    [InlineData("INT", "serve")]
    [InlineData("TERM", "gateway")]
    [InlineData("INT", "gateway")]
    public async Task Service_Signal_ExitsZeroWithinTheBound(string signal, string command)
    {
        string[] arguments = command == "gateway" ? ["gateway", "--upstream", "http://127.0.0.1:9"] : ["serve"];
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), arguments);

        var exitCode = await service.StopAsync(signal);

        Assert.True(exitCode == 0, $"exit {exitCode}; stderr: {service.Process.Error}");
        Assert.Contains("distillguard: stopped", service.Process.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SigtermAfterIngest_RestartAnswersTheSameFindings()
    {
        var database = _folder.File("dg.db");
        string before;
        using (var first = await ServiceProcess.StartAsync(database, "serve"))
        {
            var answer = await ServiceApi.PostExchangesAsync(first.Client, traffic.Lines);
            Assert.Equal(traffic.Lines.Count, answer["accepted"]!.GetValue<long>());
            before = ServiceApi.WithoutGeneratedAtOrQuotes(await ServiceApi.GetFindingsAsync(first.Client));
            Assert.Equal(0, await first.StopAsync("TERM"));
        }

        using var second = await ServiceProcess.StartAsync(database, "serve");
        var after = ServiceApi.WithoutGeneratedAtOrQuotes(await ServiceApi.GetFindingsAsync(second.Client));

        Assert.Equal(before, after);
        Assert.Equal(0, await second.StopAsync("INT"));
    }

    public void Dispose() => _folder.Dispose();
}
