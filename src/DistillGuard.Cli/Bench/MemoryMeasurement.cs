namespace DistillGuard.Cli.Bench;

/// <summary>What <see cref="MemoryProbe"/> measured.</summary>
internal sealed record MemoryMeasurement
{
    /// <summary>Gets the subjects the engine tracked at the end.</summary>
    public required int Subjects { get; init; }

    /// <summary>Gets the exchanges each subject sent.</summary>
    public required int ExchangesPerSubject { get; init; }

    /// <summary>Gets the exchanges observed.</summary>
    public required long Exchanges { get; init; }

    /// <summary>Gets the growth of the managed heap, after full collections, from the empty engine to the full one.</summary>
    public required long HeapBytes { get; init; }

    /// <summary>Gets the time taken to generate, extract and observe the exchanges.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Gets the heap bytes per subject.</summary>
    public double BytesPerSubject => Subjects == 0 ? 0 : (double)HeapBytes / Subjects;
}
