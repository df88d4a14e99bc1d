using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DistillGuard.ServiceBench;

/// <summary>
/// Pass (b): the corpus posted to <c>POST /v1/exchanges</c> of a running service, body after body, by a few senders
/// at once (each takes the next body when its previous one is answered).
/// </summary>
public static class HttpIngestPass
{
    private const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>Posts every body of <paramref name="corpus"/> to <paramref name="host"/>.</summary>
    public static async Task<HttpIngestRun> RunAsync(ServiceHost host, TrafficCorpus corpus, int senders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(corpus);
        using var client = BenchHttp.CreateClient(host.BaseAddress, ServiceHost.AdminKey);
        var path = host.ApiPrefix + "/exchanges";
        var bodies = corpus.Bodies;
        var latencies = new long[bodies.Count];
        var errors = new ConcurrentQueue<string>();
        long accepted = 0, duplicates = 0, rejected = 0;
        var next = -1;

        async Task SendAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var body = bodies[index];
                using var request = BenchHttp.Post(path, NdjsonMediaType, corpus.Bytes, body.Offset, body.Count);
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                latencies[index] = Stopwatch.GetTimestamp() - sent;
                if (!response.IsSuccessStatusCode)
                {
                    latencies[index] = -1;
                    errors.Enqueue($"body {index}: {(int)response.StatusCode} {Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 200)))}");
                    continue;
                }

                using var document = JsonDocument.Parse(answer);
                var root = document.RootElement;
                Interlocked.Add(ref accepted, root.GetProperty("accepted").GetInt64());
                Interlocked.Add(ref duplicates, root.GetProperty("duplicates").GetInt64());
                Interlocked.Add(ref rejected, root.GetProperty("rejected").GetArrayLength());
            }
        }

        var window = ProcessActivity.Start();
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task[senders];
        for (var i = 0; i < senders; i++)
        {
            tasks[i] = Task.Run(SendAsync, cancellationToken);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new HttpIngestRun
        {
            Elapsed = elapsed,
            Bodies = bodies.Count,
            Accepted = accepted,
            Duplicates = duplicates,
            Rejected = rejected,
            Errors = [.. errors],
            BodyLatency = LatencySummary.FromTicks(latencies),
            Activity = window.Stop(),
        };
    }
}
