using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DistillGuard.ServiceBench;

/// <summary>
/// The request path of two builds of the <c>distillguard</c> command, measured alternately by the same clients, each
/// run against a fresh service process: (decisions) <c>POST /v1/decisions</c> latency while two other clients ingest
/// at full speed; (gateway) the gateway's added latency at a fixed open-loop rate; (memory) the service's resident
/// memory before and after decisions for distinct, rotating end users of one throttled account.
/// </summary>
public static class RequestPathBench
{
    private const string ChatRequest =
        ""","request":{"model":"frontier-large","messages":[{"role":"user","content":"Explain, step by step, why the sky is blue."}],"logprobs":true,"top_logprobs":5,"n":4,"max_tokens":4096}}""";

    /// <summary>Runs <paramref name="phase"/> for each build, in the order a, b, b, a, ... for <paramref name="rounds"/> rounds.</summary>
    public static async Task RunAsync(
        IReadOnlyList<(string Name, string Command)> builds,
        string phase,
        int rounds,
        TimeSpan duration,
        int rate,
        int callers,
        int endUsers,
        double scale,
        int senders,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builds);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cores {Environment.ProcessorCount}, load {BenchMachine.ReadLoadAverage()}, phase {phase}, {rounds} round(s)"));
        TrafficCorpus? corpus = phase == "decisions" ? await TrafficCorpus.LoadAsync(null, 11, scale, 2_000, cancellationToken).ConfigureAwait(false) : null;
        var subjects = corpus is null ? [] : Subjects(corpus);
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? builds : builds.Reverse().ToList();
            foreach (var (name, command) in order)
            {
                var line = phase switch
                {
                    "decisions" => await DecisionsUnderIngestAsync(command, corpus!, subjects, duration, callers, senders, cancellationToken).ConfigureAwait(false),
                    "gateway" => await GatewayAsync(command, rate, duration, cancellationToken).ConfigureAwait(false),
                    "memory" => await MemoryAsync(command, endUsers, callers, cancellationToken).ConfigureAwait(false),
                    _ => throw new ArgumentException($"unknown phase '{phase}' (decisions, gateway or memory)", nameof(phase)),
                };
                output.WriteLine($"round {round + 1} {name,-8} {line}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load at the end {BenchMachine.ReadLoadAverage()}"));
    }

    private static async Task<string> DecisionsUnderIngestAsync(
        string command, TrafficCorpus corpus, List<(string Account, string? EndUser)> subjects, TimeSpan duration, int callers, int senderCount, CancellationToken cancellationToken)
    {
        var service = await ServiceProcess.StartAsync(command, null, cancellationToken).ConfigureAwait(false);
        await using (service.ConfigureAwait(false))
        {
            using var client = BenchHttp.CreateClient(service.BaseAddress, ServiceHost.AdminKey);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            long ingested = 0;
            var next = -1;
            async Task IngestAsync()
            {
                var buffer = Array.Empty<byte>();
                while (!stop.IsCancellationRequested)
                {
                    var index = Interlocked.Increment(ref next);
                    var pass = index / corpus.Bodies.Count;
                    var part = corpus.Bodies[index % corpus.Bodies.Count];
                    var length = Renumber(corpus.Bytes.AsSpan(part.Offset, part.Count), pass, ref buffer);
                    using var request = BenchHttp.Post(service.ApiPrefix + "/exchanges", "application/x-ndjson", buffer, 0, length);
                    try
                    {
                        using var response = await client.SendAsync(request, stop.Token).ConfigureAwait(false);
                        response.EnsureSuccessStatusCode();
                        Interlocked.Add(ref ingested, part.Lines);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }

            var senders = Enumerable.Range(0, senderCount).Select(_ => Task.Run(IngestAsync, CancellationToken.None)).ToArray();

            // Let the senders and the engine warm up, then measure while they keep going.
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            var ingestedBefore = Interlocked.Read(ref ingested);
            var started = Stopwatch.GetTimestamp();
            var latencies = new List<long>[callers];
            var seed = 0;
            async Task DecideAsync(int caller)
            {
                var mine = latencies[caller] = new List<long>(100_000);
                var i = caller;
                while (Stopwatch.GetElapsedTime(started) < duration)
                {
                    var (account, endUser) = subjects[(i * 7919 + seed) % subjects.Count];
                    i += callers;
                    var text = "{\"account_id\":" + JsonSerializer.Serialize(account, ServiceBenchJsonContext.Default.String)
                        + (endUser is null ? string.Empty : ",\"end_user_id\":" + JsonSerializer.Serialize(endUser, ServiceBenchJsonContext.Default.String))
                        + (i % 2 == 0 ? ChatRequest : "}");
                    var body = Encoding.UTF8.GetBytes(text);
                    using var request = BenchHttp.Post(service.ApiPrefix + "/decisions", "application/json", body, 0, body.Length);
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    mine.Add(response.IsSuccessStatusCode ? Stopwatch.GetTimestamp() - sent : -1);
                }
            }

            await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => DecideAsync(c), CancellationToken.None))).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var during = Interlocked.Read(ref ingested) - ingestedBefore;
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(senders).ConfigureAwait(false);
            var all = latencies.SelectMany(l => l).ToList();
            var summary = LatencySummary.FromTicks(all);
            return string.Create(CultureInfo.InvariantCulture,
                $"decisions {summary.Count} ({all.Count(t => t < 0)} failed) p50 {summary.P50Us / 1000:F3} ms  p99 {summary.P99Us / 1000:F3} ms  p99.9 {summary.P999Us / 1000:F3} ms  max {summary.MaxUs / 1000:F1} ms  | ingest meanwhile {during / elapsed.TotalSeconds:F0} exchanges/s");
        }
    }

    private static async Task<string> GatewayAsync(string command, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var upstream = await FakeUpstream.StartAsync(cancellationToken).ConfigureAwait(false);
        await using (upstream.ConfigureAwait(false))
        {
            var gateway = await ServiceProcess.StartAsync(command, upstream.BaseAddress, cancellationToken).ConfigureAwait(false);
            await using (gateway.ConfigureAwait(false))
            {
                var accounts = Enumerable.Range(0, 64).Select(i => $"acct_bench_{i:D2}").ToList();
                var run = await GatewayLoad.MeasureAsync(upstream, gateway.BaseAddress, rate, TimeSpan.FromSeconds(3), duration, accounts, cancellationToken).ConfigureAwait(false);
                return string.Create(CultureInfo.InvariantCulture,
                    $"{rate}/s per path: direct p50 {run.Direct.P50Us / 1000:F3} p99 {run.Direct.P99Us / 1000:F3} ms; gateway p50 {run.Gateway.P50Us / 1000:F3} p99 {run.Gateway.P99Us / 1000:F3} ms; added p50 {run.AddedP50Us / 1000:F3} ms p99 {run.AddedP99Us / 1000:F3} ms; failed {run.DirectFailures}/{run.GatewayFailures}; changed {run.ChangedByGateway}; achieved {run.AchievedRatePerPath:F0}/s");
            }
        }
    }

    private static async Task<string> MemoryAsync(string command, int endUsers, int callers, CancellationToken cancellationToken)
    {
        var service = await ServiceProcess.StartAsync(command, null, cancellationToken).ConfigureAwait(false);
        await using (service.ConfigureAwait(false))
        {
            using var client = BenchHttp.CreateClient(service.BaseAddress, ServiceHost.AdminKey);
            var overrideBody = Encoding.UTF8.GetBytes("""{"account_id":"acct_rotating","action":"throttle","reason":"bench","expires_at":"2999-01-01T00:00:00Z"}""");
            using (var created = await client.SendAsync(BenchHttp.Post(service.ApiPrefix + "/overrides", "application/json", overrideBody, 0, overrideBody.Length), cancellationToken).ConfigureAwait(false))
            {
                created.EnsureSuccessStatusCode();
            }

            var actions = new Dictionary<string, long>(StringComparer.Ordinal);
            async Task SendAsync(int from, int count)
            {
                var next = from - 1;
                async Task CallAsync()
                {
                    int index;
                    while ((index = Interlocked.Increment(ref next)) < from + count)
                    {
                        var body = Encoding.UTF8.GetBytes($"{{\"account_id\":\"acct_rotating\",\"end_user_id\":\"rotating-{index}\"}}");
                        using var response = await client.SendAsync(BenchHttp.Post(service.ApiPrefix + "/decisions", "application/json", body, 0, body.Length), cancellationToken).ConfigureAwait(false);
                        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                        var action = response.IsSuccessStatusCode ? JsonDocument.Parse(answer).RootElement.GetProperty("action").GetString()! : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                        lock (actions)
                        {
                            actions[action] = actions.GetValueOrDefault(action) + 1;
                        }
                    }
                }

                await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(CallAsync, CancellationToken.None))).ConfigureAwait(false);
            }

            // Warm up on end users of their own, so that the before figure includes the service's working set.
            await SendAsync(-20_000, 20_000).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            var before = service.ResidentBytes;
            var started = Stopwatch.GetTimestamp();
            await SendAsync(0, endUsers).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            var after = service.ResidentBytes;
            return string.Create(CultureInfo.InvariantCulture,
                $"RSS before {before / 1048576.0:F1} MiB, after {endUsers} more rotating end users {after / 1048576.0:F1} MiB (+{(after - before) / 1048576.0:F1} MiB, {(after - before) / (double)endUsers:F0} B/end user); {endUsers / elapsed.TotalSeconds:F0} decisions/s; actions {string.Join(", ", actions.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"))}");
        }
    }

    /// <summary>The lines of a body with every exchange id prefixed by the pass (after the first), so each pass is new traffic.</summary>
    /// <summary>
    /// Writes <paramref name="body"/> into <paramref name="buffer"/> (grown when too small, then reused by the same
    /// sender body after body) with each line's exchange id prefixed by the pass, and gives the length written.
    /// </summary>
    /// <remarks>
    /// Into a sender's own buffer, not a new array per body: bodies of megabytes allocated afresh kept the bench's own
    /// process in blocking full collections (about a hundred in 8 s, 5 ms each), which stalled its decision callers and
    /// showed in the decisions' 99th percentile as if the service were slow.
    /// </remarks>
    private static int Renumber(ReadOnlySpan<byte> body, int pass, ref byte[] buffer)
    {
        var marker = "\"id\":\""u8;
        Span<byte> prefix = stackalloc byte[16];
        var prefixLength = Encoding.UTF8.GetBytes($"p{pass}-", prefix);
        prefix = prefix[..prefixLength];
        var needed = body.Length + ((body.Count((byte)'\n') + 1) * prefixLength);
        if (buffer.Length < needed)
        {
            buffer = new byte[needed];
        }

        var written = 0;
        void Append(ReadOnlySpan<byte> bytes, byte[] into)
        {
            bytes.CopyTo(into.AsSpan(written));
            written += bytes.Length;
        }

        while (true)
        {
            var at = body.IndexOf(marker);
            if (at < 0)
            {
                Append(body, buffer);
                return written;
            }

            Append(body[..(at + marker.Length)], buffer);
            Append(prefix, buffer);
            var rest = at + marker.Length;
            var lineEnd = body[rest..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                Append(body[rest..], buffer);
                return written;
            }

            // Only the line's first "id" is the exchange's.
            Append(body.Slice(rest, lineEnd + 1), buffer);
            body = body[(rest + lineEnd + 1)..];
        }
    }

    private static List<(string Account, string? EndUser)> Subjects(TrafficCorpus corpus)
    {
        var seen = new HashSet<(string, string?)>();
        var span = corpus.Bytes.AsSpan();
        var list = new List<(string, string?)>();
        foreach (var range in span.Split((byte)'\n'))
        {
            if (list.Count >= 4_000 || span[range].IsEmpty)
            {
                break;
            }

            using var line = JsonDocument.Parse(span[range].ToArray());
            var account = line.RootElement.GetProperty("account_id").GetString()!;
            var endUser = line.RootElement.TryGetProperty("end_user_id", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (seen.Add((account, endUser)))
            {
                list.Add((account, endUser));
            }
        }

        return list;
    }
}
