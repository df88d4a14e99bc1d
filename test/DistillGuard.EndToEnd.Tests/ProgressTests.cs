using System.Diagnostics;
using System.Text.RegularExpressions;
using DistillGuard.Cli.Tests;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary>The progress line on a real terminal: <c>detect</c> and <c>simulate</c> under a pseudo-terminal (util-linux <c>script</c>).</summary>
public sealed partial class ProgressTests(SimulatedTraffic traffic) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Detect_OnATerminal_CountsMoveAndTheLineIsClearedAtTheEnd()
    {
        var text = await RunOnTerminalAsync($"detect --input '{traffic.TrafficPath}' --output '{_folder.File("findings.json")}'");

        var counts = Lines().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(counts.Count >= 2, $"the line count did not move: {string.Join(", ", counts)}");
        // Not the final count: Spectre draws on its own thread, and on a busy machine the display may be cleared before
        // the frame with the last count is drawn (CI saw 0, 14,824, 24,471 of 28,425); the count moved and was cleared.
        Assert.All(counts, c => Assert.True(long.Parse(c, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) <= traffic.Lines.Count, c));
        AssertDrawnLiveAndCleared(text, "lines/s");
    }

    [Fact]
    public async Task Simulate_OnATerminal_WrittenSizeMovesAndTheLineIsClearedAtTheEnd()
    {
        var text = await RunOnTerminalAsync($"simulate --out '{_folder.File("sim")}' --scale 0.3");

        var sizes = Written().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(sizes.Count >= 2, $"the written size did not move: {string.Join(", ", sizes)}");
        AssertDrawnLiveAndCleared(text, "MiB written");
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertDrawnLiveAndCleared(string text, string lastWords)
    {
        // Not Spectre's fallback renderer (which prints "description: 0%" once and leaves it); after the last
        // drawing the lines are erased (ESC[2K) and the cursor shown again (ESC[?25h).
        Assert.DoesNotContain(": 0%", text, StringComparison.Ordinal);
        var last = text.LastIndexOf(lastWords, StringComparison.Ordinal);
        Assert.True(last >= 0, text);
        Assert.Contains("\u001b[2K", text[last..], StringComparison.Ordinal);
        Assert.Contains("\u001b[?25h", text[last..], StringComparison.Ordinal);
    }

    /// <summary>Runs the built command under a pseudo-terminal (standard output to /dev/null) and answers what the terminal received.</summary>
    private async Task<string> RunOnTerminalAsync(string arguments)
    {
        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Skip("util-linux 'script' is not installed");
        }

        var transcript = _folder.File("transcript");
        var info = new ProcessStartInfo("/usr/bin/script") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-qfec", $"dotnet '{CliProcess.Dll}' {arguments} > /dev/null", transcript })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(limit.Token);
        Assert.Equal(0, process.ExitCode);
        return await File.ReadAllTextAsync(transcript, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"([\d,]+) MiB written")]
    private static partial Regex Written();

    [GeneratedRegex(@"detect: ([\d,]+) lines \(")]
    private static partial Regex Lines();
}
