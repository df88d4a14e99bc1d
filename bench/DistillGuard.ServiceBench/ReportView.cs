using System.Globalization;
using Spectre.Console;

namespace DistillGuard.ServiceBench;

/// <summary>The tables the service bench prints.</summary>
public static class ReportView
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, ServiceBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Machine;
        console.Write(new Text(
            $"{m.Processors} cores, {m.Os}, {m.Runtime}, {(m.ServerGc ? "server" : "workstation")} GC, {(m.Optimized ? "Release" : "Debug")}, "
            + $"{m.MeasuredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}; load average at start {m.LoadAverage}\n"));
        console.Write(new Text(
            $"traffic: {report.Traffic.Source}; {Count(report.Traffic.Lines)} exchanges, {Number(report.Traffic.Bytes / 1048576.0, 1)} MiB, "
            + $"{report.Traffic.Bodies} bodies of ≤{report.Settings.LinesPerBody} lines; prepared in {Number(report.Traffic.PrepareSeconds, 1)} s\n\n"));

        WriteIngest(console, report);
        WriteDecisions(console, report.Decisions);
        WriteGateway(console, report.Gateway);
        console.Write(new Text($"total run time {Number(report.TotalSeconds, 1)} s; load average at end {report.LoadAverageAtEnd}\n"));
    }

    private static void WriteIngest(IAnsiConsole console, ServiceBenchReport report)
    {
        var ingest = report.Ingest;
        var table = new Table()
            .Title("1. ingest: POST /v1/exchanges into a fresh SQLite service (b) vs batch detection in-process (a) and the distillguard detect command (c), alternating")
            .AddColumns("pass", "seconds", "exchanges/s", "detail");
        for (var i = 0; i < ingest.Batch.Count; i++)
        {
            var run = ingest.Batch[i];
            table.AddRow(
                Cell($"(a) batch: reader + features + sequencer + engine, run {i + 1}"),
                Cell(Number(run.Seconds, 2)),
                Cell(Rate(run.PerSecond)),
                Cell($"{Count(run.Exchanges)} observed; {run.Activity}"));
        }

        for (var i = 0; i < ingest.Http.Count; i++)
        {
            var run = ingest.Http[i];
            table.AddRow(
                Cell($"(b) HTTP: {report.Settings.Senders} senders, bodies of {report.Settings.LinesPerBody} lines, run {i + 1}"),
                Cell(Number(run.Elapsed.TotalSeconds, 2)),
                Cell(Rate(run.PerSecond)),
                Cell($"{Count(run.Accepted)} accepted, {Count(run.Duplicates)} dup, {Count(run.Rejected)} rejected, {run.Errors.Count} failed bodies; "
                    + $"body p50 {Number(run.BodyLatency.P50Us / 1000, 0)} ms, p99 {Number(run.BodyLatency.P99Us / 1000, 0)} ms; {run.Activity}"));
        }

        for (var i = 0; i < ingest.CommandSeconds.Count; i++)
        {
            var seconds = ingest.CommandSeconds[i];
            table.AddRow(
                Cell($"(c) distillguard detect, a process, run {i + 1}"),
                Cell(Number(seconds, 2)),
                Cell(Rate(report.Traffic.Lines / seconds)),
                Cell("start to exit: start-up, reading, detection, findings written"));
        }

        table.AddRow(Cell("(a) median"), Cell(string.Empty), Cell(Rate(ingest.BatchMedianPerSecond)), Cell(string.Empty));
        table.AddRow(Cell("(b) median"), Cell(string.Empty), Cell(Rate(ingest.HttpMedianPerSecond)), Cell(string.Empty));
        table.AddRow(Cell("(c) median"), Cell(string.Empty), Cell(Rate(ingest.CommandMedianPerSecond)), Cell(string.Empty));
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        table.Caption($"b/c (medians) = {Number(ingest.CommandRatio, 2)}   goal (≥ 0.50 of distillguard detect): {(ingest.CommandRatio >= 0.5 ? "met" : "NOT met")}"
            + $"      b/a (medians) = {Number(ingest.Ratio, 2)}   against the warm in-process pipeline: {(ingest.Ratio >= 0.5 ? "≥ 0.50" : "< 0.50")}");
        console.Write(table);
        console.WriteLine();
    }

    private static void WriteDecisions(IAnsiConsole console, DecisionRun decisions)
    {
        var latency = decisions.Latency;
        var table = new Table()
            .Title($"2. POST /v1/decisions: closed loop, {decisions.Callers} callers, {Count(decisions.Requests)} requests after {Count(decisions.Warmup)} warm-up")
            .AddColumns("measure", "value");
        table.AddRow(Cell("throughput"), Cell($"{Rate(decisions.PerSecond)} req/s ({Number(decisions.Elapsed.TotalSeconds, 2)} s)"));
        table.AddRow(Cell("latency p50 / p90 / p99 (µs)"), Cell($"{Number(latency.P50Us, 0)} / {Number(latency.P90Us, 0)} / {Number(latency.P99Us, 0)}"));
        table.AddRow(Cell("latency p99.9 / max / mean (µs)"), Cell($"{Number(latency.P999Us, 0)} / {Number(latency.MaxUs, 0)} / {Number(latency.MeanUs, 0)}"));
        table.AddRow(Cell("failed"), Cell(Count(decisions.Failed)));
        table.AddRow(Cell("process during the loop"), Cell(decisions.Activity.ToString()));
        table.AddRow(Cell("with request body / rewritten"), Cell($"{Count(decisions.WithRequestBody)} / {Count(decisions.Rewrites)}"));
        foreach (var (category, actions) in decisions.ActionsByCategory)
        {
            var pool = decisions.Subjects.GetValueOrDefault(category);
            table.AddRow(
                Cell($"actions: {category} ({Count(pool)} subjects)"),
                Cell(string.Join(", ", actions.Select(a => $"{a.Key} {Count(a.Value)}"))));
        }

        foreach (var error in decisions.FirstErrors)
        {
            table.AddRow(Cell("error"), Cell(error));
        }

        console.Write(table);
        console.WriteLine();
    }

    private static void WriteGateway(IAnsiConsole console, GatewayRun gateway)
    {
        var table = new Table()
            .Title($"3. gateway added latency: open loop, {gateway.RatePerPath} req/s per path (alternating), {Number(gateway.Duration.TotalSeconds, 0)} s after {Number(gateway.Warmup.TotalSeconds, 0)} s warm-up")
            .AddColumns("path", "requests", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "failed");
        AddPath(table, "direct to upstream", gateway.Direct, gateway.DirectFailures);
        AddPath(table, "through gateway", gateway.Gateway, gateway.GatewayFailures);
        table.AddRow(
            Cell("added (gateway - direct)"),
            Cell(string.Empty),
            Cell(Number(gateway.AddedP50Us / 1000, 3)),
            Cell(Number((gateway.Gateway.P90Us - gateway.Direct.P90Us) / 1000, 3)),
            Cell(Number(gateway.AddedP99Us / 1000, 3)),
            Cell(Number((gateway.Gateway.P999Us - gateway.Direct.P999Us) / 1000, 3)),
            Cell(string.Empty),
            Cell(string.Empty));
        for (var i = 1; i < 8; i++)
        {
            table.Columns[i].RightAligned();
        }

        table.Caption(
            $"achieved {Number(gateway.AchievedRatePerPath, 1)} req/s per path; send lag p50 {Number(gateway.SendLag.P50Us / 1000, 2)} ms, p99 {Number(gateway.SendLag.P99Us / 1000, 2)} ms; "
            + $"bodies changed by the gateway {Count(gateway.ChangedByGateway)}; {gateway.Activity}\n"
            + $"p99 added {Number(gateway.AddedP99Us / 1000, 3)} ms   goal ≤ 1 ms: {(gateway.AddedP99Us <= 1000 ? "met" : "NOT met")}");
        console.Write(table);
        foreach (var failure in gateway.FirstFailures)
        {
            console.Write(new Text($"  failure: {failure}\n"));
        }

        console.WriteLine();
    }

    private static void AddPath(Table table, string name, LatencySummary latency, int failed) => table.AddRow(
        Cell(name),
        Cell(Count(latency.Count)),
        Cell(Number(latency.P50Us / 1000, 3)),
        Cell(Number(latency.P90Us / 1000, 3)),
        Cell(Number(latency.P99Us / 1000, 3)),
        Cell(Number(latency.P999Us / 1000, 3)),
        Cell(Number(latency.MaxUs / 1000, 3)),
        Cell(Count(failed)));

    private static Text Cell(string text) => new Text(text);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
