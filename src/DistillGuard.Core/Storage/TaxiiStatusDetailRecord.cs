namespace DistillGuard.Core.Storage;

/// <summary>One object version in a <see cref="TaxiiStatusRecord"/>.</summary>
public sealed record TaxiiStatusDetailRecord
{
    /// <summary>Gets the STIX id.</summary>
    public required string ObjectId { get; init; }

    /// <summary>Gets the version, as TAXII writes it.</summary>
    public required string Version { get; init; }

    /// <summary>Gets a message about it, or <see langword="null"/>.</summary>
    public string? Message { get; init; }
}
