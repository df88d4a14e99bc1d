using System.Text.Json;
using DistillGuard.Cli.Tests.Bench;

namespace DistillGuard.Cli.Tests.Commands;

[Collection(HeapMeasurements.Name)]
public sealed class BenchCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Bench_SmallFile_ReportsBothPassesAndMemory()
    {
        var input = ExchangeLines.Write(_folder.File("traffic.jsonl"), ExchangeLines.Lines(400, 20));
        var json = _folder.File("bench.json");

        var run = await CliRun.RunAsync("bench", "--input", input, "--runs", "2", "--subjects", "300", "--exchanges-per-subject", "2", "--json", json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("detect time / floor time", run.Out, StringComparison.Ordinal);
        Assert.Contains("bytes per subject", run.Out, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var root = report.RootElement;
        Assert.Equal(400, root.GetProperty("exchanges").GetInt64());
        Assert.Equal(2, root.GetProperty("floor").GetProperty("seconds").GetArrayLength());
        Assert.Equal(2, root.GetProperty("detect").GetProperty("seconds").GetArrayLength());
        Assert.True(root.GetProperty("detect").GetProperty("exchanges_per_second").GetDouble() > 0);
        Assert.True(root.GetProperty("detect_to_floor_ratio").GetDouble() > 0);
        Assert.True(root.GetProperty("detect_to_floor_cpu_ratio").GetDouble() > 0);
        Assert.Equal(2, root.GetProperty("detect").GetProperty("cpu_seconds").GetArrayLength());
        Assert.True(root.GetProperty("floor").GetProperty("median_cpu_seconds").GetDouble() > 0);
        Assert.Equal(300, root.GetProperty("memory").GetProperty("subjects").GetInt32());
        Assert.True(root.GetProperty("memory").GetProperty("bytes_per_subject").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_working_set_bytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Bench_ZeroSubjects_SkipsTheMemoryProbe()
    {
        var input = ExchangeLines.Write(_folder.File("traffic.jsonl"), ExchangeLines.Lines(50, 5));
        var json = _folder.File("bench.json");

        var run = await CliRun.RunAsync("bench", "--input", input, "--runs", "1", "--subjects", "0", "--json", json);

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("memory").ValueKind);
    }

    [Fact]
    public async Task Bench_StandardInput_ExitsTwo()
    {
        var run = await CliRun.RunAsync("bench", "--input", "-");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("standard input", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_MissingFile_ExitsTwo()
    {
        var run = await CliRun.RunAsync("bench", "--input", _folder.File("missing.jsonl"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not found", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ZeroRuns_ExitsTwo()
    {
        var input = ExchangeLines.Write(_folder.File("traffic.jsonl"), ExchangeLines.Lines(5, 1));

        var run = await CliRun.RunAsync("bench", "--input", input, "--runs", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--runs", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
