using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace DistillGuard.ServiceBench;

/// <summary>
/// Runs the three parts in order: (a) and (b) alternately on the same traffic; decisions against the last (b)
/// service, now holding the whole traffic; the gateway against a fake upstream.
/// </summary>
public static class ServiceBenchRunner
{
    private const int MaxGatewayAccounts = 64;

    /// <summary>Runs the bench, prints the tables and writes the report when asked.</summary>
    public static async Task<ServiceBenchReport> RunAsync(ServiceBenchSettings settings, IAnsiConsole console, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(progress);
        var started = Stopwatch.GetTimestamp();
        var machine = BenchMachine.Current(TimeProvider.System);
        void Say(string what) => progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetElapsedTime(started).TotalSeconds,6:F1} s] {what}"));

        Say(settings.Input is null ? $"simulating traffic: seed {settings.Seed}, scale {settings.Scale}" : $"reading {settings.Input}");
        var corpus = await TrafficCorpus.LoadAsync(settings.Input, settings.Seed, settings.Scale, settings.LinesPerBody, cancellationToken).ConfigureAwait(false);
        var traffic = new TrafficSummary
        {
            Source = corpus.Source,
            Lines = corpus.Lines,
            Bytes = corpus.Bytes.LongLength,
            Bodies = corpus.Bodies.Count,
            PrepareSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
        };
        Say($"{corpus.Lines:N0} exchanges, {corpus.Bytes.Length / 1048576.0:F1} MiB, {corpus.Bodies.Count} bodies");

        // Both passes run once, unmeasured, so that no measured run pays for JIT compilation: with tiered PGO, hot
        // methods go through tier 0 and an instrumented tier before tier 1, and on a small busy machine the background
        // compiler is still promoting methods well into a second pass over 100k exchanges.
        var prefix = settings.WarmupLines == 0 ? corpus : corpus.Prefix(Math.Max(1, (settings.WarmupLines + settings.LinesPerBody - 1) / settings.LinesPerBody));
        Say($"warm-up: (a) and (b) on {(ReferenceEquals(prefix, corpus) ? "all" : "the first")} {prefix.Lines:N0} exchanges, not measured");
        _ = await BatchDetectionPass.RunAsync(prefix, cancellationToken).ConfigureAwait(false);
        var warmService = await ServiceHost.StartAsync(upstream: null, cancellationToken).ConfigureAwait(false);
        await using (warmService.ConfigureAwait(false))
        {
            _ = await HttpIngestPass.RunAsync(warmService, prefix, settings.Senders, cancellationToken).ConfigureAwait(false);
        }

        var batchRuns = new List<BatchPassResult>();
        var httpRuns = new List<HttpIngestRun>();
        var commandRuns = new List<double>();
        var trafficPath = Path.Combine(Path.GetTempPath(), $"dg-servicebench-traffic-{Environment.ProcessId}.jsonl");
        await File.WriteAllBytesAsync(trafficPath, corpus.Bytes, cancellationToken).ConfigureAwait(false);
        SubjectPools? pools = null;
        ServiceHost? ingested = null;
        try
        {
            for (var round = 1; round <= settings.Rounds; round++)
            {
                Settle();
                Say($"round {round}/{settings.Rounds}: (a) batch detection");
                var batch = await BatchDetectionPass.RunAsync(corpus, cancellationToken).ConfigureAwait(false);
                batchRuns.Add(new BatchPassResult(batch.Elapsed.TotalSeconds, batch.Accepted, batch.Rejected, batch.Activity));
                Say($"  {batch.PerSecond:N0} exchanges/s ({batch.Elapsed.TotalSeconds:F2} s; {batch.Activity})");
                pools ??= SubjectPools.From(batch.Findings());
                batch = null;

                if (ingested is not null)
                {
                    await ingested.DisposeAsync().ConfigureAwait(false);
                    ingested = null;
                }

                Settle();
                Say($"round {round}/{settings.Rounds}: (b) HTTP ingest into a fresh service");
                ingested = await ServiceHost.StartAsync(upstream: null, cancellationToken).ConfigureAwait(false);
                var http = await HttpIngestPass.RunAsync(ingested, corpus, settings.Senders, cancellationToken).ConfigureAwait(false);
                httpRuns.Add(http);
                Say($"  {http.PerSecond:N0} exchanges/s ({http.Elapsed.TotalSeconds:F2} s; {http.Accepted:N0} accepted, {http.Duplicates:N0} duplicates, {http.Rejected:N0} rejected, {http.Errors.Count} failed bodies; {http.Activity})");
                foreach (var error in http.Errors.Take(5))
                {
                    Say("  failed: " + error);
                }

                Settle();
                Say($"round {round}/{settings.Rounds}: (c) the distillguard detect command on the same traffic, as a process");
                var command = await CommandDetectPass.RunAsync(trafficPath, cancellationToken).ConfigureAwait(false);
                commandRuns.Add(command);
                Say($"  {corpus.Lines / command:N0} exchanges/s ({command:F2} s from start to exit)");
            }

            Settle();
            var warmup = Math.Min(2_000, Math.Max(1, settings.Decisions / 5));
            Say($"decisions: {warmup:N0} warm-up, then {settings.Decisions:N0} with {settings.DecisionCallers} callers");
            var decisions = await DecisionLoad.RunAsync(ingested!, pools!, settings.Seed, warmup, settings.Decisions, settings.DecisionCallers, cancellationToken).ConfigureAwait(false);
            Say($"  {decisions.PerSecond:N0} req/s, p50 {decisions.Latency.P50Us:F0} µs, p99 {decisions.Latency.P99Us:F0} µs; {decisions.Activity}");
            await ingested!.DisposeAsync().ConfigureAwait(false);
            ingested = null;

            Settle();
            var accounts = pools!.BenignAccounts.Take(MaxGatewayAccounts).Select(k => k.AccountId).ToList();
            if (accounts.Count == 0)
            {
                accounts.Add("bench-benign-account");
            }

            var warm = TimeSpan.FromSeconds(Math.Min(3, Math.Max(1, settings.Duration.TotalSeconds / 5)));
            Say($"gateway: {settings.Rate} req/s per path, {warm.TotalSeconds:F0} s warm-up, then {settings.Duration.TotalSeconds:F0} s");
            var gateway = await GatewayLoad.RunAsync(settings.Rate, warm, settings.Duration, accounts, cancellationToken).ConfigureAwait(false);
            Say($"  added p50 {gateway.AddedP50Us / 1000:F3} ms, p99 {gateway.AddedP99Us / 1000:F3} ms; {gateway.Activity}");

            var report = new ServiceBenchReport
            {
                Machine = machine,
                Settings = settings,
                Traffic = traffic,
                Ingest = new IngestComparison
                {
                    Batch = batchRuns,
                    Http = httpRuns,
                    BatchMedianPerSecond = Median(batchRuns.Select(r => r.PerSecond)),
                    HttpMedianPerSecond = Median(httpRuns.Select(r => r.PerSecond)),
                    CommandSeconds = commandRuns,
                    CommandMedianPerSecond = Median(commandRuns.Select(s => corpus.Lines / s)),
                },
                Decisions = decisions,
                Gateway = gateway,
                TotalSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
                LoadAverageAtEnd = BenchMachine.ReadLoadAverage(),
            };

            console.WriteLine();
            ReportView.Write(console, report);
            if (settings.Out is { } path)
            {
                await using var file = File.Create(path);
                await JsonSerializer.SerializeAsync(file, report, ServiceBenchJsonContext.Default.ServiceBenchReport, cancellationToken).ConfigureAwait(false);
                Say($"wrote {Path.GetFullPath(path)}");
            }

            return report;
        }
        finally
        {
            File.Delete(trafficPath);
            if (ingested is not null)
            {
                await ingested.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Collects what the previous pass left, so that no pass pays for another's garbage.</summary>
    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
