using System.Text;
using System.Text.Json.Nodes;

namespace DistillGuard.Cli.Tests;

public sealed class ShareCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Export_FromFindingsFileWithKeyFile_WritesABundleOfPseudonymisedIndicators()
    {
        var simulate = await CliRun.RunAsync("simulate", "--out", _folder.Path, "--seed", "11", "--scale", "0.04");
        var detect = await CliRun.RunAsync("detect", "--input", _folder.File("traffic.jsonl"), "--output", _folder.File("findings.json"));
        Assert.Equal((0, 0), (simulate.ExitCode, detect.ExitCode));
        var findings = JsonNode.Parse(await File.ReadAllTextAsync(_folder.File("findings.json"), TestContext.Current.CancellationToken))!;
        var campaign = findings["campaigns"]!.AsArray().OrderByDescending(c => c!["score"]!.GetValue<double>()).First()!;
        await File.WriteAllTextAsync(_folder.File("keys.json"), KeyFile(), TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync(
            "share", "export", "--campaign", campaign["id"]!.GetValue<string>(), "--tlp", "green",
            "--findings", _folder.File("findings.json"), "--key-file", _folder.File("keys.json"), "--out", _folder.File("bundle.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        var text = await File.ReadAllTextAsync(_folder.File("bundle.json"), TestContext.Current.CancellationToken);
        var bundle = JsonNode.Parse(text)!;
        Assert.Equal("bundle", bundle["type"]!.GetValue<string>());
        Assert.Contains(bundle["objects"]!.AsArray(), o => o!["type"]!.GetValue<string>() == "indicator");
        Assert.Contains("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", text, StringComparison.Ordinal);
        foreach (var link in campaign["links"]!.AsArray().Select(l => l!["value"]!.GetValue<string>()).Where(v => v.Length >= 6))
        {
            Assert.DoesNotContain(link, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("share", "export", "--campaign", "cmp_0001", "--out", "bundle.json")]
    [InlineData("share", "export", "--campaign", "cmp_0001", "--findings", "findings.json", "--out", "bundle.json")]
    [InlineData("share", "export", "--campaign", "cmp_0001", "--tlp", "red", "--service", "http://127.0.0.1:9/", "--api-key", "k", "--out", "bundle.json")]
    [InlineData("share", "export", "--campaign", "cmp_0001", "--tlp", "purple", "--service", "http://127.0.0.1:9/", "--api-key", "k", "--out", "bundle.json")]
    [InlineData("share", "publish", "--service", "http://127.0.0.1:9/")]
    [InlineData("share", "pull", "--peer", "http://127.0.0.1:9/taxii2/g/", "--collection", "c1")]
    [InlineData("share", "pull", "--peer", "http://127.0.0.1:9/taxii2/g/", "--collection", "c1", "--user", "u", "--token", "t", "--out", "x.json")]
    public async Task Share_BadArguments_ExitTwoWithOneLineError(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }

    public void Dispose() => _folder.Dispose();

    private static string KeyFile() =>
        $$"""{"producer_name": "Provider A", "keys": [{"epoch": 1, "key": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes("trust-group-key-of-the-test-0123456789"))}}", "active_from": "2020-01-01T00:00:00Z"}]}""";
}
