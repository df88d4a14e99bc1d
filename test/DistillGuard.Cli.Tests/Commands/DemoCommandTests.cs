namespace DistillGuard.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_SmallScale_SimulatesDetectsAndEvaluates()
    {
        var run = await CliRun.RunAsync("demo", "--scale", "0.02");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1. simulate", run.Out, StringComparison.Ordinal);
        Assert.Contains("2. detect", run.Out, StringComparison.Ordinal);
        Assert.Contains("3. evaluate", run.Out, StringComparison.Ordinal);
        Assert.Contains("attacker recall", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Keep_LeavesTheFolderWithEveryFile()
    {
        var run = await CliRun.RunAsync("demo", "--scale", "0.02", "--keep");

        var kept = run.Out.Split('\n').Single(l => l.StartsWith("kept ", StringComparison.Ordinal))["kept ".Length..].Trim();
        try
        {
            Assert.Equal(0, run.ExitCode);
            foreach (var file in new[] { "traffic.jsonl", "labels.jsonl", "allowlist.json", "findings.json", "rejects.jsonl" })
            {
                Assert.True(File.Exists(Path.Combine(kept, file)), file);
            }
        }
        finally
        {
            Directory.Delete(kept, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_BadScale_ExitsTwoBeforeSimulating()
    {
        var run = await CliRun.RunAsync("demo", "--scale", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--scale", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }
}
