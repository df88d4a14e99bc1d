using DistillGuard.Ingest;

namespace DistillGuard.Cli.Bench;

/// <summary>What <c>bench</c> is asked to measure.</summary>
internal sealed record BenchSettings
{
    /// <summary>Gets the input file (not standard input: it is read several times).</summary>
    public required string Input { get; init; }

    /// <summary>Gets the input's format.</summary>
    public InputFormat Format { get; init; } = InputFormat.Exchange;

    /// <summary>Gets the timed runs of each pass.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Gets the subjects of the memory probe; 0 skips it.</summary>
    public int Subjects { get; init; } = 1_000_000;

    /// <summary>Gets the synthetic exchanges per subject of the memory probe.</summary>
    public int ExchangesPerSubject { get; init; } = 4;

    /// <summary>Gets the seed of the memory probe's synthetic traffic.</summary>
    public int Seed { get; init; } = 7;
}
