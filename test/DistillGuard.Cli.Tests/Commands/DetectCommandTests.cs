using System.Text.Json;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class DetectCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Detect_MissingInputFile_ExitsTwoWithOneLineError()
    {
        var missing = _folder.File("missing.jsonl");

        var run = await CliRun.RunAsync("detect", "--input", missing, "--output", _folder.File("findings.json"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("not found", line, StringComparison.Ordinal);
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("findings.json")));
    }

    [Fact]
    public async Task Detect_CorruptGzip_ExitsTwoWithOneLineError()
    {
        // Valid gzip magic and header, then bytes that are not deflate data.
        var input = _folder.File("corrupt.jsonl.gz");
        await File.WriteAllBytesAsync(input, [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xff, 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05], TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", _folder.File("findings.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("distillguard: error:", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("findings.json")));
    }

    [Fact]
    public async Task Detect_TruncatedGzip_ExitsTwo()
    {
        var whole = ExchangeLines.WriteGzip(_folder.File("whole.jsonl.gz"), ExchangeLines.Lines(200, 3));
        var bytes = await File.ReadAllBytesAsync(whole, TestContext.Current.CancellationToken);
        var input = _folder.File("truncated.jsonl.gz");
        await File.WriteAllBytesAsync(input, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", _folder.File("findings.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public async Task Detect_SmallValidFile_WritesFindingsWithCounts()
    {
        var lines = ExchangeLines.Lines(12, 3);
        lines.Add(lines[4]);
        var input = ExchangeLines.Write(_folder.File("small.jsonl"), lines);
        var output = _folder.File("findings.json");

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        var root = document.RootElement;
        Assert.Equal("dg-findings/1", root.GetProperty("format").GetString());
        var inputSummary = root.GetProperty("input");
        Assert.Equal(13, inputSummary.GetProperty("lines").GetInt64());
        Assert.Equal(12, inputSummary.GetProperty("accepted").GetInt64());
        Assert.Equal(0, inputSummary.GetProperty("rejected").GetInt64());
        Assert.Equal(1, inputSummary.GetProperty("duplicates").GetInt64());
        Assert.Equal("2026-11-20T10:00:00Z", inputSummary.GetProperty("first_ts").GetString());
        Assert.Equal(3, root.GetProperty("subjects").GetArrayLength());
        Assert.Equal(12, root.GetProperty("subjects").EnumerateArray().Sum(s => s.GetProperty("exchanges").GetInt64()));
    }

    [Fact]
    public async Task Detect_SmallValidFile_PrintsCountsAndSubjects()
    {
        var input = ExchangeLines.Write(_folder.File("small.jsonl"), ExchangeLines.Lines(12, 3));

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", _folder.File("findings.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("accepted", run.Out, StringComparison.Ordinal);
        Assert.Contains("duplicates", run.Out, StringComparison.Ordinal);
        Assert.Contains("late", run.Out, StringComparison.Ordinal);
        Assert.Contains("acct_0", run.Out, StringComparison.Ordinal);
        Assert.Contains("acct_2", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_GzipInput_CountsAsPlain()
    {
        var input = ExchangeLines.WriteGzip(_folder.File("small.jsonl.gz"), ExchangeLines.Lines(30, 4));
        var output = _folder.File("findings.json");

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", output);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        Assert.Equal(30, document.RootElement.GetProperty("input").GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task Detect_BadLines_GoToRejectsAndAreCounted()
    {
        var lines = ExchangeLines.Lines(10, 2);
        lines.Insert(3, "this is not json");
        lines.Insert(7, """{"id":"ex_x","ts":"2026-11-20T10:00:00Z","request":{"model":"m","messages":[]},"response":{"status":200}}""");
        var input = ExchangeLines.Write(_folder.File("mixed.jsonl"), lines);
        var output = _folder.File("findings.json");
        var rejects = _folder.File("rejects.jsonl");

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", output, "--rejects", rejects);

        Assert.Equal(0, run.ExitCode);
        var rejected = (await File.ReadAllLinesAsync(rejects, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l)).ToList();
        Assert.Equal(2, rejected.Count);
        Assert.Equal(4, rejected[0].RootElement.GetProperty("line").GetInt64());
        Assert.Equal("this is not json", rejected[0].RootElement.GetProperty("raw").GetString());
        Assert.Equal(8, rejected[1].RootElement.GetProperty("line").GetInt64());
        Assert.Contains("account_id", rejected[1].RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        var summary = document.RootElement.GetProperty("input");
        Assert.Equal(12, summary.GetProperty("lines").GetInt64());
        Assert.Equal(10, summary.GetProperty("accepted").GetInt64());
        Assert.Equal(2, summary.GetProperty("rejected").GetInt64());
        rejected.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Detect_BadLinesWithoutRejectsFile_AreCountedAndSkipped()
    {
        var lines = ExchangeLines.Lines(5, 1);
        lines.Add("{");
        var input = ExchangeLines.Write(_folder.File("mixed.jsonl"), lines);
        var output = _folder.File("findings.json");

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", output);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        Assert.Equal(1, document.RootElement.GetProperty("input").GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task Detect_MissingRequiredOption_ExitsTwoWithOneLineError()
    {
        var run = await CliRun.RunAsync("detect", "--output", _folder.File("findings.json"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--input", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_UnknownFormat_ExitsTwo()
    {
        var input = ExchangeLines.Write(_folder.File("small.jsonl"), ExchangeLines.Lines(3, 1));

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", _folder.File("f.json"), "--format", "csv");

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public async Task Detect_OutputFolderMissing_ExitsTwoBeforeReading()
    {
        var input = ExchangeLines.Write(_folder.File("small.jsonl"), ExchangeLines.Lines(3, 1));

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", _folder.File("no/such/folder/findings.json"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_LiteLlmFormat_ReadsPayloads()
    {
        const string payload = """{"id":"chatcmpl-{0}","startTime":"2025-01-24 09:20:4{0}.847371","endTime":"2025-01-24 09:20:4{0}.951954","model":"gpt-4o","status":"success","metadata":{"user_api_key_org_id":"org_1"},"messages":[{"role":"user","content":"Hello number {0}"}],"response":{"choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]},"prompt_tokens":10,"completion_tokens":20}""";
        var input = ExchangeLines.Write(_folder.File("litellm.jsonl"), Enumerable.Range(0, 3).Select(i => payload.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var output = _folder.File("findings.json");

        var run = await CliRun.RunAsync("detect", "--input", input, "--format", "litellm", "--output", output);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        Assert.Equal(3, document.RootElement.GetProperty("input").GetProperty("accepted").GetInt64());
        Assert.Equal("org_1", document.RootElement.GetProperty("subjects")[0].GetProperty("account_id").GetString());
    }

    [Fact]
    public async Task Detect_LogOfThePastWithAGapLongerThanTheLead_AcceptsEveryLine()
    {
        // Two days of traffic ten days apart: the window starts from the clock, so a gap in a past log rejects nothing.
        var lines = ExchangeLines.Lines(6, 2);
        var later = ExchangeLines.Lines(12, 2).Skip(6).Select(l => l.Replace("\"ts\":\"2026-11-20", "\"ts\":\"2026-11-30", StringComparison.Ordinal)).ToList();
        Assert.All(later, l => Assert.Contains("2026-11-30", l, StringComparison.Ordinal));
        var input = ExchangeLines.Write(_folder.File("gap.jsonl"), lines.Concat(later));
        var output = _folder.File("findings.json");

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", output);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        Assert.Equal(12, document.RootElement.GetProperty("input").GetProperty("accepted").GetInt64());
        Assert.Equal(0, document.RootElement.GetProperty("input").GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task Detect_FirstLineAtTheEndOfTime_IsRejectedAndTheRestAccepted()
    {
        var lines = ExchangeLines.Lines(5, 1);
        lines.Insert(0, ExchangeLines.Line(99, "acct_0", "Hello").Replace("\"ts\":\"2026-11-20T10:11:33Z\"", "\"ts\":\"9999-12-31T23:59:59Z\"", StringComparison.Ordinal));
        Assert.Contains("9999-12-31", lines[0], StringComparison.Ordinal);
        var input = ExchangeLines.Write(_folder.File("poison.jsonl"), lines);
        var output = _folder.File("findings.json");
        var rejects = _folder.File("rejects.jsonl");

        var run = await CliRun.RunAsync("detect", "--input", input, "--output", output, "--rejects", rejects);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        Assert.Equal(5, document.RootElement.GetProperty("input").GetProperty("accepted").GetInt64());
        Assert.Equal(1, document.RootElement.GetProperty("input").GetProperty("rejected").GetInt64());
        Assert.Contains("9999-12-31", await File.ReadAllTextAsync(rejects, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
