namespace DistillGuard.Cli.Bench;

/// <summary>The machine and runtime a bench ran on.</summary>
internal sealed record BenchEnvironment
{
    /// <summary>Gets the process id.</summary>
    public required int ProcessId { get; init; }

    /// <summary>Gets the logical processors.</summary>
    public required int Processors { get; init; }

    /// <summary>Gets the operating system.</summary>
    public required string Os { get; init; }

    /// <summary>Gets the .NET runtime.</summary>
    public required string Runtime { get; init; }

    /// <summary>Gets whether the server garbage collector was used.</summary>
    public required bool ServerGc { get; init; }

    /// <summary>Gets whether the build is optimised (Release).</summary>
    public required bool Optimized { get; init; }

    /// <summary>Gets when the bench ran (UTC).</summary>
    public required DateTimeOffset MeasuredAt { get; init; }
}
