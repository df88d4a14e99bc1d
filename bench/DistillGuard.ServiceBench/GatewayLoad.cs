using System.Diagnostics;

namespace DistillGuard.ServiceBench;

/// <summary>
/// Part 3: what the gateway adds to a request. A fake upstream and a gateway in front of it; an open loop sends at fixed
/// intervals, whatever the answers, alternating a request straight to the upstream and one through the gateway (with a
/// benign account's header, so the decision is <c>allow</c> and the request is forwarded unchanged).
/// </summary>
public static class GatewayLoad
{
    private const string AccountHeader = "x-distillguard-account";

    /// <summary>Warms up for <paramref name="warmup"/>, then measures for <paramref name="duration"/>, each path at <paramref name="ratePerPath"/>.</summary>
    public static async Task<GatewayRun> RunAsync(
        int ratePerPath,
        TimeSpan warmup,
        TimeSpan duration,
        IReadOnlyList<string> accounts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentOutOfRangeException.ThrowIfZero(accounts.Count);
        var upstream = await FakeUpstream.StartAsync(cancellationToken).ConfigureAwait(false);
        await using (upstream.ConfigureAwait(false))
        {
            var gateway = await ServiceHost.StartAsync(upstream.BaseAddress, cancellationToken).ConfigureAwait(false);
            await using (gateway.ConfigureAwait(false))
            {
                return await MeasureAsync(upstream, gateway.BaseAddress, ratePerPath, warmup, duration, accounts, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Measures a running gateway at <paramref name="gateway"/> in front of <paramref name="upstream"/>.</summary>
    public static async Task<GatewayRun> MeasureAsync(
        FakeUpstream upstream,
        Uri gateway,
        int ratePerPath,
        TimeSpan warmup,
        TimeSpan duration,
        IReadOnlyList<string> accounts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        using var direct = BenchHttp.CreateClient(upstream.BaseAddress, bearer: null);
        using var through = BenchHttp.CreateClient(gateway, bearer: null);
        await OpenLoopAsync(direct, through, accounts, ratePerPath, warmup, cancellationToken).ConfigureAwait(false);
        var changedBefore = upstream.Changed;
        var window = ProcessActivity.Start();
        var loop = await OpenLoopAsync(direct, through, accounts, ratePerPath, duration, cancellationToken).ConfigureAwait(false);
        var activity = window.Stop();
        var directLatency = LatencySummary.FromTicks(loop.Latencies.Where((_, i) => i % 2 == 0));
        var gatewayLatency = LatencySummary.FromTicks(loop.Latencies.Where((_, i) => i % 2 == 1));
        return new GatewayRun
        {
            RatePerPath = ratePerPath,
            Duration = duration,
            Warmup = warmup,
            Sent = loop.Latencies.Length,
            AchievedRatePerPath = loop.Latencies.Length / 2.0 / loop.SendSpan.TotalSeconds,
            Direct = directLatency,
            Gateway = gatewayLatency,
            AddedP50Us = gatewayLatency.P50Us - directLatency.P50Us,
            AddedP99Us = gatewayLatency.P99Us - directLatency.P99Us,
            DirectFailures = loop.Failures(0),
            GatewayFailures = loop.Failures(1),
            FirstFailures = loop.FirstFailures,
            ChangedByGateway = upstream.Changed - changedBefore,
            SendLag = LatencySummary.FromTicks(loop.Lag),
            Activity = activity,
        };
    }

    private static async Task<OpenLoop> OpenLoopAsync(
        HttpClient direct,
        HttpClient through,
        IReadOnlyList<string> accounts,
        int ratePerPath,
        TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var total = checked((int)Math.Round(2.0 * ratePerPath * duration.TotalSeconds));
        var interval = Stopwatch.Frequency / (2.0 * ratePerPath);
        var loop = new OpenLoop(total);
        var tasks = new Task[total];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            var now = Stopwatch.GetTimestamp();
            if (due > now)
            {
                // Task.Delay waits whole milliseconds (less than one returns at once): the schedule is kept on average,
                // each send's lateness is recorded, and latency is timed from the actual send.
                await Task.Delay(Stopwatch.GetElapsedTime(now, due), cancellationToken).ConfigureAwait(false);
            }

            loop.Lag[i] = Math.Max(0, Stopwatch.GetTimestamp() - due);
            tasks[i] = i % 2 == 0
                ? SendAsync(direct, null, loop, i, cancellationToken)
                : SendAsync(through, accounts[i / 2 % accounts.Count], loop, i, cancellationToken);
        }

        loop.SendSpan = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return loop;
    }

    private static async Task SendAsync(HttpClient client, string? account, OpenLoop loop, int index, CancellationToken cancellationToken)
    {
        var body = FakeUpstream.ExpectedBody;
        using var request = BenchHttp.Post("/v1/chat/completions", "application/json", body, 0, body.Length);
        if (account is not null)
        {
            request.Headers.TryAddWithoutValidation(AccountHeader, account);
        }

        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            loop.Latencies[index] = Stopwatch.GetTimestamp() - sent;
            if (!response.IsSuccessStatusCode)
            {
                loop.Fail(index, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(200, answer.Length)))}");
            }
        }
        catch (HttpRequestException ex)
        {
            loop.Fail(index, ex.Message);
        }
    }

    private sealed class OpenLoop(int total)
    {
        private readonly List<string> _firstFailures = [];

        public long[] Latencies { get; } = new long[total];

        public long[] Lag { get; } = new long[total];

        public TimeSpan SendSpan { get; set; }

        public IReadOnlyList<string> FirstFailures
        {
            get
            {
                lock (_firstFailures)
                {
                    return [.. _firstFailures];
                }
            }
        }

        public void Fail(int index, string reason)
        {
            Latencies[index] = -1;
            lock (_firstFailures)
            {
                if (_firstFailures.Count < 10)
                {
                    _firstFailures.Add((index % 2 == 0 ? "direct " : "gateway ") + reason);
                }
            }
        }

        public int Failures(int parity) => Latencies.Where((t, i) => i % 2 == parity && t < 0).Count();
    }
}
