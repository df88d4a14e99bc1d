namespace DistillGuard.Core.Storage;

/// <summary>What became of one object version given to <see cref="ITaxiiStore.AddTaxiiObjectsAsync"/>.</summary>
public sealed record TaxiiAddOutcomeRecord
{
    /// <summary>Gets a value indicating whether the version was added (false: it was already stored).</summary>
    public required bool Added { get; init; }

    /// <summary>Gets the stored version (the new one, or the one already there), without its JSON.</summary>
    public required TaxiiObjectRecord Stored { get; init; }
}
