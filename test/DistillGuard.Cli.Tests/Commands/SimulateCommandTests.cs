using System.Text.Json;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Simulate_SmallScale_WritesTrafficAndLabelsAndPrintsCounts()
    {
        var output = _folder.File("sim");

        var run = await CliRun.RunAsync("simulate", "--out", output, "--seed", "3", "--scale", "0.02");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var traffic = await File.ReadAllLinesAsync(Path.Combine(output, "traffic.jsonl"), TestContext.Current.CancellationToken);
        var labels = await File.ReadAllLinesAsync(Path.Combine(output, "labels.jsonl"), TestContext.Current.CancellationToken);
        Assert.NotEmpty(traffic);
        Assert.NotEmpty(labels);
        using (var first = JsonDocument.Parse(traffic[0]))
        {
            Assert.True(first.RootElement.TryGetProperty("account_id", out _));
        }

        Assert.Contains(labels, l => l.Contains("\"distillation\"", StringComparison.Ordinal));
        Assert.Contains(traffic.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), run.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output, "*.partial"));
    }

    [Fact]
    public async Task Simulate_DefaultScenario_WritesAnEmptyAllowList()
    {
        var output = _folder.File("sim");

        var run = await CliRun.RunAsync("simulate", "--out", output, "--seed", "3", "--scale", "0.02");

        Assert.Equal(0, run.ExitCode);
        using var allowList = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "allowlist.json"), TestContext.Current.CancellationToken));
        Assert.Equal("dg-sim-allowlist/1", allowList.RootElement.GetProperty("format").GetString());
        Assert.Equal(0, allowList.RootElement.GetProperty("accounts").GetArrayLength());
        Assert.Contains("allowlist.json", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ScenarioWithLicensedCustomers_WritesTheirAccountsToTheAllowList()
    {
        var output = _folder.File("sim");
        var scenario = _folder.File("licensed.json");
        await File.WriteAllTextAsync(scenario, """
            {
              "start": "2026-11-02T00:00:00Z",
              "days": 2,
              "models": [ { "name": "frontier-large-1", "tier": "flagship", "reasoning": true, "release_day": 0 } ],
              "populations": [ { "kind": "licensed-synthetic", "count": 2 }, { "kind": "chat", "count": 3 } ]
            }
            """, TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("simulate", "--out", output, "--seed", "3", "--scenario", scenario);

        Assert.Equal(0, run.ExitCode);
        using var allowList = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "allowlist.json"), TestContext.Current.CancellationToken));
        Assert.Equal("dg-sim-allowlist/1", allowList.RootElement.GetProperty("format").GetString());
        var accounts = allowList.RootElement.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a => Assert.Equal("licensed-synthetic", a.GetProperty("population").GetString()));
        var labels = await File.ReadAllLinesAsync(Path.Combine(output, "labels.jsonl"), TestContext.Current.CancellationToken);
        Assert.All(accounts, a => Assert.Contains(labels, l => l.Contains($"\"{a.GetProperty("account_id").GetString()}\"", StringComparison.Ordinal)
            && l.Contains("\"benign\"", StringComparison.Ordinal)));
        Assert.Contains("2 allow-listed accounts", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_SameSeedTwice_WritesTheSameBytes()
    {
        var a = _folder.File("a");
        var b = _folder.File("b");

        Assert.Equal(0, (await CliRun.RunAsync("simulate", "--out", a, "--seed", "5", "--scale", "0.02")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("simulate", "--out", b, "--seed", "5", "--scale", "0.02")).ExitCode);

        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(a, "traffic.jsonl"), TestContext.Current.CancellationToken),
            await File.ReadAllBytesAsync(Path.Combine(b, "traffic.jsonl"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Simulate_InvalidScenario_ExitsTwoWithOneLineError()
    {
        var scenario = _folder.File("scenario.json");
        await File.WriteAllTextAsync(scenario, "{ \"days\": -3 ", TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("simulate", "--out", _folder.File("sim"), "--scenario", scenario);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("scenario.json", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_MissingScenarioFile_ExitsTwo()
    {
        var run = await CliRun.RunAsync("simulate", "--out", _folder.File("sim"), "--scenario", _folder.File("nope.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    public async Task Simulate_BadScale_ExitsTwo(string scale)
    {
        var run = await CliRun.RunAsync("simulate", "--out", _folder.File("sim"), "--scale", scale);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--scale", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
