namespace DistillGuard.Core.Storage;

/// <summary>A TAXII status resource: the outcome of one object submission.</summary>
public sealed record TaxiiStatusRecord
{
    /// <summary>Gets the status id (a UUID).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the API root the submission was made to.</summary>
    public required string ApiRoot { get; init; }

    /// <summary>Gets who made the submission (the peer's name); only it may read the status.</summary>
    public required string Owner { get; init; }

    /// <summary>Gets when the request was received.</summary>
    public required DateTimeOffset RequestTimestamp { get; init; }

    /// <summary>Gets the versions that were stored (or were already).</summary>
    public IReadOnlyList<TaxiiStatusDetailRecord> Successes { get; init; } = [];

    /// <summary>Gets the versions that were refused.</summary>
    public IReadOnlyList<TaxiiStatusDetailRecord> Failures { get; init; } = [];

    /// <summary>Gets the versions not processed yet.</summary>
    public IReadOnlyList<TaxiiStatusDetailRecord> Pendings { get; init; } = [];
}
