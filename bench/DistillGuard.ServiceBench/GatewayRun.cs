namespace DistillGuard.ServiceBench;

/// <summary>What the gateway load measured.</summary>
public sealed record GatewayRun
{
    /// <summary>Gets the scheduled rate of each path, requests per second.</summary>
    public required int RatePerPath { get; init; }

    /// <summary>Gets the rate each path reached (sends over the span of sending).</summary>
    public required double AchievedRatePerPath { get; init; }

    /// <summary>Gets how long the measured open loop ran.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets how long the unmeasured open loop before it ran.</summary>
    public required TimeSpan Warmup { get; init; }

    /// <summary>Gets how many requests were sent, both paths.</summary>
    public required int Sent { get; init; }

    /// <summary>Gets the latency straight to the upstream.</summary>
    public required LatencySummary Direct { get; init; }

    /// <summary>Gets the latency through the gateway.</summary>
    public required LatencySummary Gateway { get; init; }

    /// <summary>Gets the gateway's median minus the direct median.</summary>
    public required double AddedP50Us { get; init; }

    /// <summary>Gets the gateway's 99th percentile minus the direct 99th percentile.</summary>
    public required double AddedP99Us { get; init; }

    /// <summary>Gets how many direct requests failed.</summary>
    public required int DirectFailures { get; init; }

    /// <summary>Gets how many gateway requests failed (including a refusal by the gateway).</summary>
    public required int GatewayFailures { get; init; }

    /// <summary>Gets the first few failures.</summary>
    public required IReadOnlyList<string> FirstFailures { get; init; }

    /// <summary>Gets how many request bodies reached the upstream changed (a rewrite by the gateway).</summary>
    public required long ChangedByGateway { get; init; }

    /// <summary>Gets what the process did (GC, CPU) (service, upstream and clients) during the measured loop.</summary>
    public required ProcessActivity Activity { get; init; }

    /// <summary>Gets how late the sends were against the schedule.</summary>
    public required LatencySummary SendLag { get; init; }
}
