using System.Text.RegularExpressions;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary><c>distillguard ingest</c> against a running <c>serve</c>, and what the service keeps when it is killed during ingest.</summary>
public sealed partial class IngestTests(SimulatedTraffic traffic) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Ingest_FileLargerThanOneBody_SendsSeveralBodiesAndEveryExchangeArrivesOnce()
    {
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), "serve");

        var run = await CliProcess.RunAsync("ingest", "--service", service.Address.ToString(), "--key", ServiceProcess.AdminKey, "--chunk-bytes", "1048576", traffic.TrafficPath);

        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = Summary().Match(run.Out);
        Assert.True(summary.Success, run.Out);
        Assert.Equal(traffic.Lines.Count, long.Parse(summary.Groups["lines"].Value.Replace(",", "")));
        Assert.True(int.Parse(summary.Groups["bodies"].Value) >= 10, run.Out);
        Assert.Equal(traffic.Lines.Count, long.Parse(summary.Groups["accepted"].Value.Replace(",", "")));
        var findings = await ServiceApi.GetFindingsAsync(service.Client);
        Assert.Equal(traffic.Lines.Count, findings["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(traffic.Lines.Count, ServiceApi.AccountExchanges(findings));
        Assert.Equal(0, await service.StopAsync());
    }

    [Fact]
    public async Task Ingest_GzipOnStandardInputTwice_SecondRunCountsOnlyDuplicates()
    {
        var gzip = traffic.GzipPath;
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), "serve");
        var key = new Dictionary<string, string?> { ["DISTILLGUARD_API_KEY"] = ServiceProcess.AdminKey };
        string[] arguments = ["ingest", "--service", service.Address.ToString(), "--chunk-bytes", "4194304", "-"];

        var first = await CliProcess.RunAsync(arguments, gzip, key);
        var second = await CliProcess.RunAsync(arguments, gzip, key);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(traffic.Lines.Count, long.Parse(Summary().Match(first.Out).Groups["accepted"].Value.Replace(",", "")));
        var again = Summary().Match(second.Out);
        Assert.Equal("0", again.Groups["accepted"].Value);
        Assert.Equal(traffic.Lines.Count, long.Parse(again.Groups["duplicates"].Value.Replace(",", "")));
        Assert.Equal(0, await service.StopAsync());
    }

    [Fact]
    public async Task Ingest_WrongKeyOrEveryLineRejected_ExitsTwoWithOneLine()
    {
        using var service = await ServiceProcess.StartAsync(_folder.File("dg.db"), "serve");
        await File.WriteAllLinesAsync(_folder.File("bad.jsonl"), ["{\"id\":1}", "not json", "{}"], TestContext.Current.CancellationToken);

        var wrongKey = await CliProcess.RunAsync("ingest", "--service", service.Address.ToString(), "--key", "not-the-key-0123456789abcdef0123", traffic.TrafficPath);
        var rejected = await CliProcess.RunAsync("ingest", "--service", service.Address.ToString(), "--key", ServiceProcess.AdminKey, _folder.File("bad.jsonl"));
        var noKey = await CliProcess.RunAsync("ingest", "--service", service.Address.ToString(), traffic.TrafficPath);

        Assert.Equal(2, wrongKey.ExitCode);
        Assert.Contains("401", Assert.Single(wrongKey.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, rejected.ExitCode);
        Assert.Contains("accepted 0 of 3 lines", rejected.ErrorLines[^1], StringComparison.Ordinal);
        Assert.Contains("line 2 rejected", rejected.Error, StringComparison.Ordinal);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("DISTILLGUARD_API_KEY", Assert.Single(noKey.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, await service.StopAsync());
    }

    [Fact]
    public async Task KillDash9DuringIngest_Restart_EveryAcknowledgedExchangeIsThereOnce()
    {
        var database = _folder.File("dg.db");
        var chunks = traffic.Lines.Chunk(400).ToList();
        var acknowledged = new List<string>();
        var inFlight = 0;
        using (var first = await ServiceProcess.StartAsync(database, "serve"))
        {
            var tenAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sending = Task.Run(async () =>
            {
                foreach (var chunk in chunks)
                {
                    Volatile.Write(ref inFlight, chunk.Length);
                    try
                    {
                        await ServiceApi.PostExchangesAsync(first.Client, chunk);
                    }
                    catch (HttpRequestException)
                    {
                        return; // killed while this body was on its way: not acknowledged
                    }

                    lock (acknowledged)
                    {
                        acknowledged.AddRange(chunk);
                    }

                    Volatile.Write(ref inFlight, 0);
                    if (acknowledged.Count >= 10 * 400)
                    {
                        tenAnswered.TrySetResult();
                    }
                }
            }, TestContext.Current.CancellationToken);
            await tenAnswered.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

            Assert.Equal(137, await first.KillAsync());
            await sending;
        }

        Assert.True(acknowledged.Count < traffic.Lines.Count, "the ingest finished before the kill");
        using var second = await ServiceProcess.StartAsync(database, "serve");
        var findings = await ServiceApi.GetFindingsAsync(second.Client);
        var kept = findings["input"]!["accepted"]!.GetValue<long>();
        var again = await ServiceApi.PostExchangesAsync(second.Client, acknowledged);

        Assert.InRange(kept, acknowledged.Count, acknowledged.Count + inFlight);
        Assert.Equal(kept, ServiceApi.AccountExchanges(findings));
        Assert.Equal(0, again["accepted"]!.GetValue<long>());
        Assert.Equal(acknowledged.Count, again["duplicates"]!.GetValue<long>());
        Assert.Equal(0, await second.StopAsync());
    }

    public void Dispose() => _folder.Dispose();

    [GeneratedRegex(@"ingest: (?<lines>[\d,]+) lines in (?<bodies>\d+) bodies to \S+: (?<accepted>[\d,]+) accepted, (?<rejected>[\d,]+) rejected, (?<duplicates>[\d,]+) duplicates")]
    private static partial Regex Summary();
}
