using System.Diagnostics;

namespace DistillGuard.ServiceBench;

/// <summary>
/// Pass (c): the <c>distillguard detect</c> command as an operator runs it, a process of its own on the traffic written
/// to a file (written once, outside the timing), from start to exit: what the ingest goal names.
/// </summary>
public static class CommandDetectPass
{
    /// <summary>Runs the command once; returns its wall-clock seconds.</summary>
    public static async Task<double> RunAsync(string trafficPath, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetTempPath(), $"dg-servicebench-findings-{Guid.NewGuid():N}.json");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "distillguard.dll"), "detect", "--input", trafficPath, "--output", output })
        {
            info.ArgumentList.Add(argument);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start distillguard detect");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        _ = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        File.Delete(output);
        return process.ExitCode == 0
            ? seconds
            : throw new InvalidOperationException($"distillguard detect exited with {process.ExitCode}: {errors.Trim()}");
    }
}
