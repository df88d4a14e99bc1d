using System.IO.Compression;
using DistillGuard.Cli.Tests;

namespace DistillGuard.EndToEnd.Tests.Support;

/// <summary>
/// One simulated traffic file and its labels for the whole test assembly, written by the built
/// <c>distillguard simulate</c> once (seed 11, scale 0.02: about 15,000 exchanges, 16 MB).
/// </summary>
public sealed class SimulatedTraffic : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    /// <summary>Gets the folder that simulate wrote.</summary>
    public string Folder => _folder.Path;

    /// <summary>Gets the traffic file.</summary>
    public string TrafficPath => _folder.File("traffic.jsonl");

    /// <summary>Gets the labels file.</summary>
    public string LabelsPath => _folder.File("labels.jsonl");

    /// <summary>Gets the traffic file gzip-compressed.</summary>
    public string GzipPath => _folder.File("traffic.jsonl.gz");

    /// <summary>Gets the traffic's lines.</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var run = await CliProcess.RunAsync("simulate", "--out", Folder, "--seed", "11", "--scale", "0.02");
        Assert.True(run.ExitCode == 0, run.ToString());
        Lines = await File.ReadAllLinesAsync(TrafficPath);
        await using var source = File.OpenRead(TrafficPath);
        await using var target = new GZipStream(File.Create(GzipPath), CompressionLevel.Fastest);
        await source.CopyToAsync(target);
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
