using System.Text.Json;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class EvaluateCommandTests : IDisposable
{
    // Two attackers of one campaign (one caught, one missed), two benign subjects in two populations, one of which is
    // wrongly judged distillation.
    private const string Findings = """
        {
          "format": "dg-findings/1",
          "generated_at": "2026-11-27T10:00:00Z",
          "input": { "lines": 40, "accepted": 40, "rejected": 0, "duplicates": 0, "first_ts": "2026-11-20T00:00:00Z", "last_ts": "2026-11-20T23:00:00Z" },
          "subjects": [
            { "account_id": "acct_a", "end_user_id": null, "verdict": "distillation", "score": 0.97, "campaign_id": "cmp_0001", "exchanges": 10,
              "first_flagged_at": "2026-11-20T01:00:00Z", "exchanges_before_flag": 4, "signals": [] },
            { "account_id": "acct_h", "end_user_id": null, "verdict": "distillation", "score": 0.91, "campaign_id": null, "exchanges": 10,
              "first_flagged_at": "2026-11-20T02:00:00Z", "exchanges_before_flag": 5, "signals": [] },
            { "account_id": "acct_b", "end_user_id": null, "verdict": "benign", "score": 0.10, "campaign_id": null, "exchanges": 10,
              "first_flagged_at": null, "exchanges_before_flag": null, "signals": [] },
            { "account_id": "acct_c", "end_user_id": null, "verdict": "benign", "score": 0.05, "campaign_id": null, "exchanges": 10,
              "first_flagged_at": null, "exchanges_before_flag": null, "signals": [] }
          ],
          "campaigns": [
            { "id": "cmp_0001", "score": 0.97, "subjects": [ { "account_id": "acct_a", "end_user_id": null } ], "links": [], "summary": "one account" }
          ]
        }
        """;

    private const string Labels = """
        {"account_id":"acct_a","label":"distillation","campaign":"hydra-1"}
        {"account_id":"acct_b","label":"distillation","campaign":"hydra-1"}
        {"account_id":"acct_h","label":"benign","population":"eval-harness"}
        {"account_id":"acct_c","label":"benign","population":"chat"}
        """;

    private readonly TempFolder _folder = new();
    private readonly string _findings;
    private readonly string _labels;

    public EvaluateCommandTests()
    {
        _findings = _folder.File("findings.json");
        _labels = _folder.File("labels.jsonl");
        File.WriteAllText(_findings, Findings);
        File.WriteAllText(_labels, Labels);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Evaluate_NoBars_ExitsZeroAndPrintsEveryTable()
    {
        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("attacker recall, suspicious or worse", run.Out, StringComparison.Ordinal);
        Assert.Contains("50.0%", run.Out, StringComparison.Ordinal);
        Assert.Contains("eval-harness", run.Out, StringComparison.Ordinal);
        Assert.Contains("hydra-1", run.Out, StringComparison.Ordinal);
        Assert.Contains("cmp_0001", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_RecallBarMissed_ExitsOneAndNamesTheBar()
    {
        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels, "--min-recall", "0.9");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("attacker recall", line, StringComparison.Ordinal);
        Assert.Contains("MISSED", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_EveryBarMissed_ListsEachMiss()
    {
        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels, "--min-recall", "0.9", "--max-fpr", "0.01", "--min-precision", "0.9");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.Contains("attacker recall", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.Contains("benign distillation rate", StringComparison.Ordinal) && l.Contains("eval-harness", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.Contains("distillation precision", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_BarsMet_ExitsZero()
    {
        // Recall and precision are exactly 0.5; the one benign subject of eval-harness is wrongly judged, a rate of 1.
        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels, "--min-recall", "0.5", "--max-fpr", "1", "--min-precision", "0.5");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("met", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_JsonOut_WritesTheReport()
    {
        var json = _folder.File("evaluation.json");

        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels, "--json", json);

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.Equal(0.5, report.RootElement.GetProperty("recall").GetProperty("recall").GetDouble());
    }

    [Fact]
    public async Task Evaluate_MissingLabelsFile_ExitsTwoWithOneLineError()
    {
        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _folder.File("nope.jsonl"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("labels file", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_NotAFindingsDocument_ExitsTwo()
    {
        var other = _folder.File("other.json");
        await File.WriteAllTextAsync(other, """{"format":"something-else/2"}""", TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("evaluate", "--findings", other, "--labels", _labels);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("dg-findings/1", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_SubjectLabelledTwice_ExitsTwo()
    {
        await File.AppendAllTextAsync(_labels, "\n{\"account_id\":\"acct_a\",\"label\":\"benign\",\"population\":\"chat\"}\n", TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("acct_a", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_BarOutOfRange_ExitsTwo()
    {
        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels, "--min-recall", "1.5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--min-recall", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    // The same subjects with harvest counts: acct_a was stopped after 100 of its 1,000 output tokens, acct_b never.
    private const string HarvestFindings = """
        {
          "format": "dg-findings/1",
          "generated_at": "2026-11-27T10:00:00Z",
          "input": { "lines": 40, "accepted": 40, "rejected": 0, "duplicates": 0, "first_ts": "2026-11-20T00:00:00Z", "last_ts": "2026-11-20T23:00:00Z" },
          "subjects": [
            { "account_id": "acct_a", "end_user_id": null, "verdict": "distillation", "score": 0.97, "campaign_id": "cmp_0001", "exchanges": 10,
              "first_flagged_at": "2026-11-20T01:00:00Z", "exchanges_before_flag": 1, "first_distillation_at": "2026-11-20T01:00:00Z",
              "exchanges_before_distillation": 1, "output_tokens": 1000, "output_tokens_before_flag": 100, "output_tokens_before_distillation": 100, "signals": [] },
            { "account_id": "acct_h", "end_user_id": null, "verdict": "benign", "score": 0.1, "campaign_id": "cmp_0001", "exchanges": 10,
              "first_flagged_at": null, "exchanges_before_flag": null, "output_tokens": 500, "signals": [] },
            { "account_id": "acct_b", "end_user_id": null, "verdict": "benign", "score": 0.10, "campaign_id": null, "exchanges": 10,
              "first_flagged_at": null, "exchanges_before_flag": null, "output_tokens": 1000, "signals": [] },
            { "account_id": "acct_c", "end_user_id": null, "verdict": "benign", "score": 0.05, "campaign_id": null, "exchanges": 10,
              "first_flagged_at": null, "exchanges_before_flag": null, "output_tokens": 10, "signals": [] }
          ],
          "campaigns": [
            { "id": "cmp_0001", "score": 0.97, "subjects": [ { "account_id": "acct_a", "end_user_id": null } ], "links": [], "summary": "one account" }
          ]
        }
        """;

    [Fact]
    public async Task Evaluate_HarvestBarMissed_ExitsOneAndNamesTheShare()
    {
        var findings = _folder.File("harvest.json");
        await File.WriteAllTextAsync(findings, HarvestFindings, TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("evaluate", "--findings", findings, "--labels", _labels, "--max-harvest-share", "0.5");

        Assert.Equal(1, run.ExitCode);
        Assert.All(run.ErrorLines, line => Assert.Contains("output tokens served before distillation", line, StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, line => line.Contains("0.5500", StringComparison.Ordinal));
        Assert.Contains("harvest before detection", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_PurityBarMissed_ExitsOne()
    {
        // cmp_0001 holds one attacker of hydra-1 and one benign account: purity 0.5.
        var findings = _folder.File("harvest.json");
        await File.WriteAllTextAsync(findings, HarvestFindings, TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("evaluate", "--findings", findings, "--labels", _labels, "--min-purity", "0.9", "--min-completeness", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("campaign purity is 0.5000, below the minimum 0.9000", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_HarvestBarOnFindingsWithoutHarvestCounts_ExitsTwo()
    {
        var json = _folder.File("evaluation.json");

        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels, "--max-harvest-share", "0.5", "--json", json);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-harvest-share", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public async Task Evaluate_FindingsWithoutHarvestCounts_SaysTheHarvestIsUnavailable()
    {
        var json = _folder.File("evaluation.json");

        var run = await CliRun.RunAsync("evaluate", "--findings", _findings, "--labels", _labels, "--found-purity", "0.5", "--json", json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("harvest before detection: unavailable", run.Out, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("harvest").ValueKind);
        Assert.Contains("at least 0.5 from it", report.RootElement.GetProperty("found_campaign_rule").GetString(), StringComparison.Ordinal);
    }
}
