namespace DistillGuard.Cli.Bench;

/// <summary>The memory probe's figures.</summary>
internal sealed record MemoryReport
{
    /// <summary>Gets the subjects the engine tracked.</summary>
    public required int Subjects { get; init; }

    /// <summary>Gets the synthetic exchanges per subject.</summary>
    public required int ExchangesPerSubject { get; init; }

    /// <summary>Gets the growth of the managed heap from the empty engine to the full one, after full collections.</summary>
    public required long HeapBytes { get; init; }

    /// <summary>Gets <see cref="HeapBytes"/> per subject.</summary>
    public required double BytesPerSubject { get; init; }

    /// <summary>Gets the seconds the probe took to generate, extract and observe.</summary>
    public required double Seconds { get; init; }

    /// <summary>Gets the seed of the synthetic traffic.</summary>
    public required int Seed { get; init; }
}
