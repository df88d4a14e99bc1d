namespace DistillGuard.Simulation.Simulator;

/// <summary>The allow-list output of a simulation (<c>allowlist.json</c>): the accounts the provider allow-lists.</summary>
public sealed record AllowListDocument
{
    /// <summary>The value of <see cref="Format"/>.</summary>
    public const string FormatName = "dg-sim-allowlist/1";

    /// <summary>Gets the format name.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Gets the allow-listed accounts, in the order they were created.</summary>
    public required IReadOnlyList<AllowListEntry> Accounts { get; init; }
}
