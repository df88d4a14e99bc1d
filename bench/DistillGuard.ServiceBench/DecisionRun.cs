namespace DistillGuard.ServiceBench;

/// <summary>What the decision load measured.</summary>
public sealed record DecisionRun
{
    /// <summary>Gets how many callers ran at once.</summary>
    public required int Callers { get; init; }

    /// <summary>Gets how many requests warmed up the service first (not measured).</summary>
    public required int Warmup { get; init; }

    /// <summary>Gets how many requests were measured.</summary>
    public required int Requests { get; init; }

    /// <summary>Gets the time the measured requests took, first sent to last answered.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Gets the latency of a request, send to answer read (successful ones).</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Gets what the process did (GC, CPU) during the measured requests.</summary>
    public required ProcessActivity Activity { get; init; }

    /// <summary>Gets, per subject category, how many answers named each action.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ActionsByCategory { get; init; }

    /// <summary>Gets how many measured requests carried an OpenAI request body.</summary>
    public required long WithRequestBody { get; init; }

    /// <summary>Gets how many answers carried a rewritten request.</summary>
    public required long Rewrites { get; init; }

    /// <summary>Gets how many requests failed (non-2xx or transport error).</summary>
    public required int Failed { get; init; }

    /// <summary>Gets the first few failures.</summary>
    public required IReadOnlyList<string> FirstErrors { get; init; }

    /// <summary>Gets how many subjects each category had to pick from.</summary>
    public required IReadOnlyDictionary<string, int> Subjects { get; init; }

    /// <summary>Gets the measured requests per second.</summary>
    public double PerSecond => Requests / Elapsed.TotalSeconds;
}
