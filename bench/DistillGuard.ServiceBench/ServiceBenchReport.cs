namespace DistillGuard.ServiceBench;

/// <summary>Everything one run of the service bench measured (written as JSON with <c>--out</c>).</summary>
public sealed record ServiceBenchReport
{
    /// <summary>Gets the machine and runtime.</summary>
    public required BenchMachine Machine { get; init; }

    /// <summary>Gets what was asked for.</summary>
    public required ServiceBenchSettings Settings { get; init; }

    /// <summary>Gets the traffic every pass worked on.</summary>
    public required TrafficSummary Traffic { get; init; }

    /// <summary>Gets part 1: batch detection against HTTP ingest.</summary>
    public required IngestComparison Ingest { get; init; }

    /// <summary>Gets part 2: <c>POST /v1/decisions</c>.</summary>
    public required DecisionRun Decisions { get; init; }

    /// <summary>Gets part 3: the gateway's added latency.</summary>
    public required GatewayRun Gateway { get; init; }

    /// <summary>Gets the machine's load average when the run ended.</summary>
    public required string LoadAverageAtEnd { get; init; }

    /// <summary>Gets the whole run's wall time, in seconds.</summary>
    public required double TotalSeconds { get; init; }
}
