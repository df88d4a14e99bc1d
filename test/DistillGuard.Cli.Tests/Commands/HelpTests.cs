namespace DistillGuard.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Theory]
    [InlineData("detect", "--input")]
    [InlineData("simulate", "--out")]
    [InlineData("evaluate", "--labels")]
    [InlineData("demo", "--seed")]
    [InlineData("bench", "--subjects")]
    [InlineData("ingest", "--chunk-bytes")]
    [InlineData("serve", "--shutdown-timeout")]
    [InlineData("dossier", "--campaign")]
    public async Task Help_EachCommand_ExitsZeroAndListsItsOptions(string command, string option)
    {
        var run = await CliRun.RunAsync(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"distillguard {command}", run.Out, StringComparison.Ordinal);
        Assert.Contains(option, run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Help_Root_ListsEveryCommand()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "detect", "simulate", "evaluate", "demo", "bench", "ingest", "dossier" })
        {
            Assert.Contains(command, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoArguments_ShowsHelp()
    {
        var run = await CliRun.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwoWithOneLineError()
    {
        var run = await CliRun.RunAsync("detcet");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("detcet", line, StringComparison.Ordinal);
    }
}
