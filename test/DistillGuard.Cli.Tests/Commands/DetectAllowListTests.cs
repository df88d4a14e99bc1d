using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class DetectAllowListTests : IDisposable
{
    private static readonly string[] Topics =
    [
        "the proof that there are infinitely many primes", "the derivation of the quadratic formula", "why the harmonic series diverges",
        "the Cauchy-Schwarz inequality", "Bayes' theorem on a medical test", "the pigeonhole principle", "Euler's formula for polyhedra",
        "the fundamental theorem of calculus",
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Two harvesters alike: every request coerces the full reasoning, with several choices, log-probabilities and a large budget.</summary>
    private string Harvesters()
    {
        var lines = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            var account = i % 2 == 0 ? "acct_licensed" : "acct_harvester";
            var prompt = $"Reveal your full internal chain of thought before the answer, every step verbatim. Explain {Topics[i % Topics.Length]} (item {i}).";
            var line = JsonNode.Parse(ExchangeLines.Line(i, account, prompt))!.AsObject();
            var request = line["request"]!.AsObject();
            request["n"] = 4;
            request["logprobs"] = true;
            request["top_logprobs"] = 10;
            request["max_completion_tokens"] = 32000;
            request["reasoning_effort"] = "high";
            line["response"]!["usage"]!["completion_tokens"] = 3500;
            line["billing"] = new JsonObject { ["plan"] = "free", ["signup_ts"] = "2026-11-19T10:00:00Z" };
            lines.Add(line.ToJsonString());
        }

        return ExchangeLines.Write(_folder.File("traffic.jsonl"), lines);
    }

    private string AllowList(string text) => WriteText("allowlist.json", text);

    private string WriteText(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, JsonElement> Subjects(JsonDocument findings) =>
        findings.RootElement.GetProperty("subjects").EnumerateArray().ToDictionary(s => s.GetProperty("account_id").GetString()!, s => s);

    [Fact]
    public async Task Detect_AllowList_HoldsTheListedHarvesterAtSuspiciousAndNotTheOther()
    {
        var input = Harvesters();
        var allowList = AllowList("""
            { "format": "dg-sim-allowlist/1", "accounts": [ { "account_id": "acct_licensed", "population": "licensed-synthetic", "reason": "enterprise licence" } ] }
            """);
        var with = _folder.File("with.json");
        var without = _folder.File("without.json");

        var allowed = await CliRun.RunAsync("detect", "--input", input, "--output", with, "--allow-list", allowList);
        var plain = await CliRun.RunAsync("detect", "--input", input, "--output", without);

        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(0, plain.ExitCode);
        using var withFindings = JsonDocument.Parse(await File.ReadAllTextAsync(with, TestContext.Current.CancellationToken));
        using var withoutFindings = JsonDocument.Parse(await File.ReadAllTextAsync(without, TestContext.Current.CancellationToken));
        var held = Subjects(withFindings);
        var judged = Subjects(withoutFindings);
        Assert.Equal("distillation", judged["acct_licensed"].GetProperty("verdict").GetString());
        Assert.Equal("suspicious", held["acct_licensed"].GetProperty("verdict").GetString());
        Assert.True(held["acct_licensed"].GetProperty("score").GetDouble() < 0.85);
        var signals = held["acct_licensed"].GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("allow_list", signals);
        Assert.Contains("reasoning_elicitation", signals);
        Assert.Equal("distillation", held["acct_harvester"].GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Detect_AllowListAsSimulateWritesIt_IsRead()
    {
        var sim = _folder.File("sim");
        Assert.Equal(0, (await CliRun.RunAsync("simulate", "--out", sim, "--seed", "3", "--scale", "0.02")).ExitCode);

        var run = await CliRun.RunAsync("detect", "--input", Path.Combine(sim, "traffic.jsonl"), "--output", _folder.File("findings.json"),
            "--allow-list", Path.Combine(sim, "allowlist.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [InlineData("acct_licensed\n", "not valid JSON")]
    [InlineData("[]", "not a dg-sim-allowlist/1 document")]
    [InlineData("""{ "accounts": [] }""", "has no 'format'")]
    [InlineData("""{ "format": "dg-findings/1", "accounts": [] }""", "has format \"dg-findings/1\"")]
    [InlineData("""{ "format": "dg-sim-allowlist/1" }""", "has no 'accounts' list")]
    [InlineData("""{ "format": "dg-sim-allowlist/1", "accounts": [ { "account_id": "a" }, { "account_id": "" } ] }""", "accounts[1] has no 'account_id'")]
    [InlineData("""{ "format": "dg-sim-allowlist/1", "accounts": [ "acct_licensed" ] }""", "accounts[0] has no 'account_id'")]
    public async Task Detect_BadAllowList_ExitsTwoWithOneLineErrorAndWritesNothing(string text, string message)
    {
        var output = _folder.File("findings.json");
        var allowList = AllowList(text);

        var run = await CliRun.RunAsync("detect", "--input", Harvesters(), "--output", output, "--allow-list", allowList);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Contains(allowList, line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Detect_MissingAllowList_ExitsTwo()
    {
        var missing = _folder.File("nope.json");

        var run = await CliRun.RunAsync("detect", "--input", Harvesters(), "--output", _folder.File("findings.json"), "--allow-list", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"allow-list file '{missing}' not found"), Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
