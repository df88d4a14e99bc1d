using System.Diagnostics;
using System.Text.Json.Nodes;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary>The batch commands as the README runs them: demo, simulate → detect → evaluate, bench, and their output files.</summary>
public sealed class CommandPipelineTests(SimulatedTraffic traffic) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Demo_SmallScale_ExitsZero()
    {
        var run = await CliProcess.RunAsync("demo", "--scale", "0.02");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("3. evaluate", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_FileGzipAndStandardInput_SameFindingsThenEvaluateBars()
    {
        var gzip = traffic.GzipPath;
        var fromFile = await CliProcess.RunAsync("detect", "--input", traffic.TrafficPath, "--output", _folder.File("file.json"));
        var fromGzip = await CliProcess.RunAsync("detect", "--input", gzip, "--output", _folder.File("gzip.json"));
        var fromStdin = await CliProcess.RunAsync(["detect", "--input", "-", "--output", _folder.File("stdin.json")], traffic.TrafficPath);

        foreach (var run in new[] { fromFile, fromGzip, fromStdin })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        var expected = await FindingsAsync("file.json");
        Assert.Equal(traffic.Lines.Count, JsonNode.Parse(await File.ReadAllTextAsync(_folder.File("file.json"), TestContext.Current.CancellationToken))!["input"]!["accepted"]!.GetValue<long>());
        Assert.Equal(expected, await FindingsAsync("gzip.json"));
        Assert.Equal(expected, await FindingsAsync("stdin.json"));

        var loose = await CliProcess.RunAsync("evaluate", "--findings", _folder.File("file.json"), "--labels", traffic.LabelsPath, "--min-recall", "0.5", "--max-fpr", "0.5", "--json", _folder.File("eval.json"));
        Assert.True(loose.ExitCode == 0, loose.ToString());
        Assert.True(File.Exists(_folder.File("eval.json")));

    }

    [Fact]
    public async Task Evaluate_FindingsOfTwentyExchanges_MissesTheRecallBarExitsOne()
    {
        var empty = await CliProcess.RunAsync(["detect", "--input", "-", "--output", _folder.File("benign.json")], BenignOnly());

        var run = await CliProcess.RunAsync("evaluate", "--findings", _folder.File("benign.json"), "--labels", traffic.LabelsPath, "--min-recall", "0.5");

        Assert.True(empty.ExitCode == 0, empty.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bar missed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_SmallInput_ExitsZeroAndWritesItsJson()
    {
        var run = await CliProcess.RunAsync("bench", "--input", traffic.TrafficPath, "--runs", "1", "--subjects", "2000", "--json", _folder.File("bench.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonNode.Parse(await File.ReadAllTextAsync(_folder.File("bench.json"), TestContext.Current.CancellationToken))!;
        Assert.NotNull(report["floor"]);
        Assert.NotNull(report["memory"]);
    }

    [Fact]
    public async Task Detect_OutputDash_WritesTheFindingsToStandardOutput()
    {
        var run = await CliProcess.RunAsync("detect", "--input", traffic.TrafficPath, "--output", "-");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("dg-findings/1", JsonNode.Parse(run.Out)!["format"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "-")));
        Assert.Contains("accepted", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_OutputIsAPipe_ExitsTwoBeforeReadingAndLeavesThePipe()
    {
        var fifo = _folder.File("fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var run = await CliProcess.RunAsync("detect", "--input", traffic.TrafficPath, "--output", fifo);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a regular file", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(FileAttributes.None, File.GetAttributes(fifo) & FileAttributes.Directory);
        Assert.Empty(Directory.GetFiles(_folder.Path, ".*"));
        Assert.Equal(0, new FileInfo(fifo).Length);
    }

    [Fact]
    public async Task Detect_EveryLineRejected_ExitsTwoSayingSo()
    {
        await File.WriteAllLinesAsync(_folder.File("bad.jsonl"), ["{\"id\":1}", "not json"], TestContext.Current.CancellationToken);

        var run = await CliProcess.RunAsync("detect", "--input", _folder.File("bad.jsonl"), "--output", _folder.File("findings.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("accepted 0 of 2 lines", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_InterruptedWhileReadingStandardInput_ExitsInterruptedAndLeavesNoFiles()
    {
        using var process = CliProcess.Start(["detect", "--input", "-", "--output", _folder.File("findings.json"), "--rejects", _folder.File("rejects.jsonl")], redirectInput: true);
        await process.Input.WriteAsync(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', traffic.Lines.Take(100)) + "\n"), TestContext.Current.CancellationToken);
        await process.Input.FlushAsync(TestContext.Current.CancellationToken);
        await WaitForAsync(() => File.Exists(_folder.File("rejects.jsonl")));

        // Ctrl+C in a shell pipeline ('cat traffic.jsonl | distillguard detect --input -') stops the writer too.
        await process.SignalAsync("INT");
        process.Input.Close();

        Assert.Equal(130, await process.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public async Task Simulate_Interrupted_ExitsInterruptedAndLeavesNoPartialFile()
    {
        var output = _folder.File("sim");
        using var process = CliProcess.Start(["simulate", "--out", output, "--scale", "1"]);
        await WaitForAsync(() => File.Exists(Path.Combine(output, "traffic.jsonl.partial")) && new FileInfo(Path.Combine(output, "traffic.jsonl.partial")).Length > 0);

        await process.SignalAsync("INT");

        Assert.Equal(130, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public async Task Demo_Interrupted_ExitsInterruptedAndLeavesNothingInTheTemporaryFolder()
    {
        var temporary = _folder.File("tmp");
        Directory.CreateDirectory(temporary);
        using var process = CliProcess.Start(["demo", "--scale", "1"], new Dictionary<string, string?> { ["TMPDIR"] = temporary });
        await WaitForAsync(() => Directory.GetFiles(temporary, "traffic.jsonl.partial", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 0));

        await process.SignalAsync("INT");

        Assert.Equal(130, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(Directory.GetFileSystemEntries(temporary));
    }

    public void Dispose() => _folder.Dispose();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1200 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "the condition did not hold within 30 s");
    }

    private async Task<string> FindingsAsync(string name) =>
        ServiceApi.WithoutGeneratedAt(JsonNode.Parse(await File.ReadAllTextAsync(_folder.File(name), TestContext.Current.CancellationToken))!);

    /// <summary>The first 20 exchanges alone: too few for most attackers to be flagged.</summary>
    private string BenignOnly()
    {
        var path = _folder.File("benign.jsonl");
        File.WriteAllLines(path, traffic.Lines.Take(20));
        return path;
    }
}
