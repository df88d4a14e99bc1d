namespace DistillGuard.ServiceBench;

/// <summary>What one run of the service bench measures, from the command line.</summary>
public sealed record ServiceBenchSettings
{
    /// <summary>Gets a dg-exchange/1 file to use, or null to simulate one with <see cref="Seed"/> and <see cref="Scale"/>.</summary>
    public string? Input { get; init; }

    /// <summary>Gets the seed of the simulation and of the request mixes.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the simulation's scale (about 200k exchanges per 1.0).</summary>
    public required double Scale { get; init; }

    /// <summary>Gets how many times the batch pass and the HTTP ingest pass each run, alternately.</summary>
    public required int Rounds { get; init; }

    /// <summary>Gets how many lines (a) and (b) each run through once, unmeasured, before the rounds; 0 for the whole traffic.</summary>
    public required int WarmupLines { get; init; }

    /// <summary>Gets how many lines each ingest body carries.</summary>
    public required int LinesPerBody { get; init; }

    /// <summary>Gets how many ingest bodies are in flight at once.</summary>
    public required int Senders { get; init; }

    /// <summary>Gets how many decision requests are measured (after the warm-up).</summary>
    public required int Decisions { get; init; }

    /// <summary>Gets how many decision callers run at once, each waiting for its answer before the next request.</summary>
    public required int DecisionCallers { get; init; }

    /// <summary>Gets the open-loop rate of each gateway path, in requests per second.</summary>
    public required int Rate { get; init; }

    /// <summary>Gets how long the gateway's open loop runs.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets where the JSON report goes, or null for none.</summary>
    public string? Out { get; init; }
}
