using DistillGuard.Cli.Bench;
using Spectre.Console;

namespace DistillGuard.Cli.Rendering;

/// <summary>The tables <c>bench</c> prints.</summary>
internal static class BenchView
{
    /// <summary>Writes the report.</summary>
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var throughput = new Table()
            .Title($"throughput on {Markup.Escape(report.Input)} ({Formatting.Count(report.Exchanges)} exchanges, {Formatting.Number(report.InputBytes / 1048576.0, 1)} MiB)")
            .AddColumns("pass", "median s", "runs (s)", "exchanges/s", "median CPU s");
        AddPass(throughput, "floor: 1 thread, JsonDocument per line", report.Floor);
        AddPass(throughput, "detect: reader, sequencer, engine, findings", report.Detect);
        throughput.Columns[1].RightAligned();
        throughput.Columns[3].RightAligned();
        throughput.Columns[4].RightAligned();
        throughput.Caption(
            $"detect time / floor time (medians): {Formatting.Number(report.DetectToFloorRatio, 2)}; "
            + $"processor time, all threads: {Formatting.Number(report.DetectToFloorCpuRatio, 2)}");
        console.Write(throughput);
        console.WriteLine();

        var memory = new Table().Title("memory").AddColumns("measure", "value");
        if (report.Memory is { } m)
        {
            memory.AddRow("subjects (synthetic accounts)", Formatting.Count(m.Subjects));
            memory.AddRow("exchanges per subject", Formatting.Count(m.ExchangesPerSubject));
            memory.AddRow("managed heap growth, after full GC", $"{Formatting.Number(m.HeapBytes / 1048576.0, 1)} MiB");
            memory.AddRow("bytes per subject", Formatting.Number(m.BytesPerSubject, 0));
            memory.AddRow("probe time", $"{Formatting.Number(m.Seconds, 1)} s");
        }
        else
        {
            memory.AddRow("memory probe", "skipped (--subjects 0)");
        }

        memory.AddRow("peak working set of the bench process", $"{Formatting.Number(report.PeakWorkingSetBytes / 1048576.0, 1)} MiB");
        memory.Columns[1].RightAligned();
        console.Write(memory);
        console.WriteLine();

        var env = report.Environment;
        console.Write(new Text(
            $"{env.Processors} logical processors, {env.Os}, {env.Runtime}, {(env.ServerGc ? "server" : "workstation")} GC, "
            + $"{(env.Optimized ? "Release" : "Debug")} build, pid {env.ProcessId}, {Formatting.Timestamp(env.MeasuredAt)}\n"));
    }

    private static void AddPass(Table table, string name, PassTimings timings) => table.AddRow(
        new Text(name),
        new Text(Formatting.Number(timings.MedianSeconds, 3)),
        new Text(string.Join(", ", timings.Seconds.Select(s => Formatting.Number(s, 3)))),
        new Text(Formatting.Rate(timings.ExchangesPerSecond)),
        new Text(Formatting.Number(timings.MedianCpuSeconds, 3)));
}
