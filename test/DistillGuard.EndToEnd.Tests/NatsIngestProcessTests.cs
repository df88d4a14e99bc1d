using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;
using DistillGuard.Server.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary><c>distillguard serve --ingest nats</c> as operators run it, against a real <c>nats-server</c>.</summary>
public sealed class NatsIngestProcessTests(SimulatedTraffic traffic) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task ServeIngestNats_SigtermAfterIngest_RestartAnswersTheSameFindings()
    {
        await using var nats = await NatsServer.StartAsync();
        var database = _folder.File("dg.db");
        string[] serve = ["serve", "--ingest", "nats", "--nats-url", nats.Url.ToString()];
        string before;
        using (var first = await ServiceProcess.StartAsync(database, serve))
        {
            // Answered once the stream has them; the pumps apply them shortly after.
            var answer = await ServiceApi.PostExchangesAsync(first.Client, traffic.Lines);
            Assert.Equal(traffic.Lines.Count, answer["accepted"]!.GetValue<long>());
            var findings = await WaitForAcceptedAsync(first.Client, traffic.Lines.Count);
            Assert.Equal(traffic.Lines.Count, ServiceApi.AccountExchanges(findings));
            before = ServiceApi.WithoutGeneratedAtOrQuotes(findings);
            Assert.Equal(0, await first.StopAsync("TERM"));
        }

        using var second = await ServiceProcess.StartAsync(database, serve);
        var after = ServiceApi.WithoutGeneratedAtOrQuotes(await ServiceApi.GetFindingsAsync(second.Client));

        Assert.Equal(before, after);
        Assert.Equal(0, await second.StopAsync("TERM"));

        // The exchanges went through the stream: JetStream keeps it in the server's store folder.
        Assert.True(Directory.Exists(Path.Combine(nats.StoreDirectory, "jetstream", "$G", "streams", "DISTILLGUARD_INGEST")), nats.Output);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task ServeIngestNats_SignalRightAfterTheAnswer_RestartAppliesWhatTheStreamStillHeldOnce(string signal)
    {
        await using var nats = await NatsServer.StartAsync();
        var database = _folder.File("dg.db");
        string[] serve = ["serve", "--ingest", "nats", "--nats-url", nats.Url.ToString()];
        using (var first = await ServiceProcess.StartAsync(database, serve))
        {
            foreach (var chunk in traffic.Lines.Chunk(500))
            {
                await ServiceApi.PostExchangesAsync(first.Client, chunk);
            }

            // Stopped at once: what the pumps had not applied yet stays in the stream, unacknowledged (after SIGKILL,
            // perhaps a batch applied whose acknowledgement never left: the journal refuses its ids when it comes again).
            if (signal == "TERM")
            {
                Assert.Equal(0, await first.StopAsync("TERM"));
            }
            else
            {
                Assert.Equal(137, await first.KillAsync());
            }
        }

        using var second = await ServiceProcess.StartAsync(database, serve);
        var findings = await WaitForAcceptedAsync(second.Client, traffic.Lines.Count);

        Assert.Equal(traffic.Lines.Count, findings["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(traffic.Lines.Count, ServiceApi.AccountExchanges(findings));
        Assert.Equal(0, await second.StopAsync("TERM"));
    }

    [Fact]
    public async Task Serve_NatsUrlWithoutIngestNats_ExitsTwo()
    {
        var result = await CliProcess.RunAsync("serve", "--db", _folder.File("dg.db"), "--nats-url", "nats://127.0.0.1:4222");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--nats-url needs --ingest nats", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<System.Text.Json.Nodes.JsonNode> WaitForAcceptedAsync(HttpClient client, long accepted)
    {
        // Polls the findings until the pumps applied everything (no timing is asserted); gives up after a minute.
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var findings = await ServiceApi.GetFindingsAsync(client);
            if (findings["input"]!["accepted"]!.GetValue<long>() >= accepted)
            {
                return findings;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"the service did not apply {accepted} exchanges within a minute");
    }
}
