namespace DistillGuard.Server.Dossier;

/// <summary>One signal of the engine: its name, its weight in the score's log-odds, and what it measures.</summary>
internal sealed record DossierSignalDefinition
{
    /// <summary>Gets the name as findings write it.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the weight in the log-odds.</summary>
    public required double Weight { get; init; }

    /// <summary>Gets whether it measures pooled traffic (counting <c>MultiTenantWeight</c> on a router).</summary>
    public required bool Pooled { get; init; }

    /// <summary>Gets what it measures.</summary>
    public required string Definition { get; init; }
}
