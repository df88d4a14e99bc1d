using System.Diagnostics;
using System.Text.RegularExpressions;
using DistillGuard.EndToEnd.Tests.Support;

namespace DistillGuard.EndToEnd.Tests;

/// <summary>The progress line on a real terminal: <c>detect</c> under a pseudo-terminal (util-linux <c>script</c>).</summary>
public sealed partial class ProgressTests(SimulatedTraffic traffic) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Detect_OnATerminal_CountsMoveAndTheLineIsClearedAtTheEnd()
    {
        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Skip("util-linux 'script' is not installed");
        }

        var transcript = _folder.File("transcript");
        var command = $"dotnet '{CliProcess.Dll}' detect --input '{traffic.TrafficPath}' --output '{_folder.File("findings.json")}' > /dev/null";
        var info = new ProcessStartInfo("/usr/bin/script") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-qfec", command, transcript })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        var text = await File.ReadAllTextAsync(transcript, TestContext.Current.CancellationToken);

        Assert.Equal(0, process.ExitCode);
        var counts = Lines().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(counts.Count >= 2, $"the line count did not move: {string.Join(", ", counts)}");
        Assert.Contains(traffic.Lines.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), counts);
        Assert.DoesNotContain(": 0%", text, StringComparison.Ordinal);

        // After the last drawing: the lines are erased (ESC[2K) and the cursor shown again (ESC[?25h).
        var last = text.LastIndexOf("lines/s", StringComparison.Ordinal);
        Assert.Contains("\u001b[2K", text[last..], StringComparison.Ordinal);
        Assert.Contains("\u001b[?25h", text[last..], StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    [GeneratedRegex(@"detect: ([\d,]+) lines \(")]
    private static partial Regex Lines();
}
