namespace DistillGuard.Simulation.Simulator;

/// <summary>An account the simulated provider allow-lists (a licensed customer), as written to the allow-list output.</summary>
public sealed record AllowListEntry
{
    /// <summary>Gets the account id.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the population the account belongs to.</summary>
    public required string Population { get; init; }

    /// <summary>Gets why the provider allow-lists it.</summary>
    public required string Reason { get; init; }
}
