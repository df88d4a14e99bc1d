using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DistillGuard.Ingest.Nats;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace DistillGuard.ServiceBench;

/// <summary>
/// <c>ingest-stream</c>: HTTP ingest through the embedded journal against HTTP ingest through NATS JetStream, in one
/// run and alternately, each round into a fresh service; for NATS, the stream's lag (messages appended and not yet
/// acknowledged by the pumps) sampled during the load, and the time the pumps take to drain it after the last answer.
/// </summary>
public static class IngestStreamBench
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="rounds"/> rounds of (journal, NATS), or (NATS, journal) on even rounds.</summary>
    public static async Task RunAsync(double scale, int linesPerBody, int senders, int rounds, int partitions, string? natsUrl, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cores {Environment.ProcessorCount}, load {BenchMachine.ReadLoadAverage()}, {rounds} round(s), {partitions} partition(s), {senders} sender(s), {linesPerBody} lines a body"));
        var corpus = await TrafficCorpus.LoadAsync(null, 11, scale, linesPerBody, cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus.Lines:N0} exchanges, {corpus.Bytes.Length / 1048576.0:F1} MiB, {corpus.Bodies.Count} bodies"));
        await using var server = natsUrl is null ? await BenchNatsServer.StartAsync(cancellationToken).ConfigureAwait(false) : null;
        var nats = new NatsIngestOptions { Url = new Uri(natsUrl ?? server!.Url), Partitions = partitions };
        var natsSettings = new Dictionary<string, string?>
        {
            ["DistillGuard:Ingest:Mode"] = "nats",
            ["DistillGuard:Ingest:Nats:Url"] = nats.Url.ToString(),
            ["DistillGuard:Ingest:Nats:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
        };

        // Warm-up, not measured: both paths once on a tenth of the bodies.
        var prefix = corpus.Prefix(Math.Max(1, corpus.Bodies.Count / 10));
        await JournalRoundAsync(prefix, senders, cancellationToken).ConfigureAwait(false);
        await NatsRoundAsync(prefix, senders, natsSettings, nats, cancellationToken).ConfigureAwait(false);

        var journal = new List<double>();
        var answered = new List<double>();
        var applied = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var which in round % 2 == 1 ? new[] { "journal", "nats" } : ["nats", "journal"])
            {
                if (which == "journal")
                {
                    var run = await JournalRoundAsync(corpus, senders, cancellationToken).ConfigureAwait(false);
                    journal.Add(run.PerSecond);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} journal  {run.PerSecond,9:N0} exchanges/s answered (= applied); body p50 {run.BodyLatency.P50Us / 1000,7:F1} ms, p99 {run.BodyLatency.P99Us / 1000,7:F1} ms; {run.Errors.Count} failed; {run.Activity}"));
                }
                else
                {
                    var (run, lag) = await NatsRoundAsync(corpus, senders, natsSettings, nats, cancellationToken).ConfigureAwait(false);
                    answered.Add(run.PerSecond);
                    applied.Add(lag.AppliedPerSecond);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} nats     {run.PerSecond,9:N0} exchanges/s answered, {lag.AppliedPerSecond,9:N0} applied; body p50 {run.BodyLatency.P50Us / 1000,7:F1} ms, p99 {run.BodyLatency.P99Us / 1000,7:F1} ms; {run.Errors.Count} failed; {run.Activity}"));
                    foreach (var error in run.Errors.Take(3))
                    {
                        output.WriteLine("               failed: " + error);
                    }

                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"               lag: mean {lag.MeanMessages:F1}, max {lag.MaxMessages} messages (~{lag.ExchangesPerMessage:F0} exchanges each; max ~{lag.MaxMessages * lag.ExchangesPerMessage:N0} exchanges), {lag.Samples} samples; drained {lag.DrainSeconds:F2} s after the last answer"));
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: journal {Median(journal):N0}/s; nats answered {Median(answered):N0}/s, applied {Median(applied):N0}/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load at the end {BenchMachine.ReadLoadAverage()}"));
    }

    private static async Task<HttpIngestRun> JournalRoundAsync(TrafficCorpus corpus, int senders, CancellationToken cancellationToken)
    {
        var service = await ServiceHost.StartAsync(upstream: null, cancellationToken).ConfigureAwait(false);
        await using (service.ConfigureAwait(false))
        {
            return await HttpIngestPass.RunAsync(service, corpus, senders, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(HttpIngestRun Run, StreamLag Lag)> NatsRoundAsync(
        TrafficCorpus corpus, int senders, Dictionary<string, string?> settings, NatsIngestOptions nats, CancellationToken cancellationToken)
    {
        // A fresh stream each round: the stream's duplicate window would otherwise drop the bodies of the round before.
        await using (var connection = new NatsConnection(new NatsOpts { Url = nats.Url.ToString() }))
        {
            try
            {
                await new NatsJSContext(connection).DeleteStreamAsync(nats.StreamName, cancellationToken).ConfigureAwait(false);
            }
            catch (NatsJSApiException)
            {
                // None yet.
            }
        }

        await using var observer = new NatsIngestLog(nats, TimeProvider.System);
        var service = await ServiceHost.StartAsync(upstream: null, settings, cancellationToken).ConfigureAwait(false);
        await using (service.ConfigureAwait(false))
        {
            var before = await observer.CountAppendedAsync(cancellationToken).ConfigureAwait(false);
            var samples = new List<long>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var sampler = Task.Run(async () =>
            {
                while (!stop.Token.IsCancellationRequested)
                {
                    samples.Add(await PendingAsync(observer, nats.Partitions, cancellationToken).ConfigureAwait(false));
                    try
                    {
                        await Task.Delay(SampleEvery, stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }, cancellationToken);
            var run = await HttpIngestPass.RunAsync(service, corpus, senders, cancellationToken).ConfigureAwait(false);
            var answeredAt = Stopwatch.GetTimestamp();
            await stop.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
            while (await PendingAsync(observer, nats.Partitions, cancellationToken).ConfigureAwait(false) > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
            }

            var drained = Stopwatch.GetTimestamp();
            var messages = await observer.CountAppendedAsync(cancellationToken).ConfigureAwait(false) - before;
            return (run, new StreamLag(
                samples.Count,
                samples.Count == 0 ? 0 : samples.Average(),
                samples.Count == 0 ? 0 : samples.Max(),
                messages == 0 ? 0 : (double)run.Accepted / messages,
                Stopwatch.GetElapsedTime(answeredAt, drained).TotalSeconds,
                run.Accepted / Stopwatch.GetElapsedTime(started, drained).TotalSeconds));
        }
    }

    private static async Task<long> PendingAsync(NatsIngestLog log, int partitions, CancellationToken cancellationToken)
    {
        long pending = 0;
        for (var p = 0; p < partitions; p++)
        {
            pending += await log.CountPendingAsync(p, cancellationToken).ConfigureAwait(false);
        }

        return pending;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record StreamLag(int Samples, double MeanMessages, long MaxMessages, double ExchangesPerMessage, double DrainSeconds, double AppliedPerSecond);

    /// <summary>A <c>nats-server</c> with JetStream for the bench: 127.0.0.1, a free port, a temporary store.</summary>
    private sealed class BenchNatsServer : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly DirectoryInfo _folder;

        private BenchNatsServer(Process process, DirectoryInfo folder, string url)
        {
            _process = process;
            _folder = folder;
            Url = url;
        }

        public string Url { get; }

        public static async Task<BenchNatsServer> StartAsync(CancellationToken cancellationToken)
        {
            var binary = new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("nats-server not found (apt-get install nats-server), or pass --nats-url");
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var folder = Directory.CreateTempSubdirectory("distillguard-servicebench-nats-");
            var info = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-js", "-sd", folder.FullName })
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info)!;
            var log = new StringBuilder();
            var ready = new TaskCompletionSource();
            void OnLine(string? line)
            {
                lock (log)
                {
                    log.AppendLine(line);
                }

                if (line?.Contains("Server is ready", StringComparison.Ordinal) == true)
                {
                    ready.TrySetResult();
                }
            }

            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            return new BenchNatsServer(process, folder, $"nats://127.0.0.1:{port}");
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            _process.Dispose();
            _folder.Delete(recursive: true);
        }
    }
}
