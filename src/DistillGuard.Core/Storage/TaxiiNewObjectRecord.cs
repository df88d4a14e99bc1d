namespace DistillGuard.Core.Storage;

/// <summary>An object version to store in a TAXII collection.</summary>
public sealed record TaxiiNewObjectRecord
{
    /// <summary>Gets the STIX id (<c>type--uuid</c>).</summary>
    public required string ObjectId { get; init; }

    /// <summary>Gets the STIX type.</summary>
    public required string Type { get; init; }

    /// <summary>Gets the STIX <c>spec_version</c>.</summary>
    public required string SpecVersion { get; init; }

    /// <summary>
    /// Gets the version (the object's <c>modified</c>, else its <c>created</c>), or <see langword="null"/> for an object
    /// that has neither, whose version is then its <c>date_added</c>.
    /// </summary>
    public DateTimeOffset? Version { get; init; }

    /// <summary>Gets the version as the object writes it, or <see langword="null"/> when <see cref="Version"/> is null.</summary>
    public string? VersionText { get; init; }

    /// <summary>
    /// Gets the object's TLP level as a rank: 0 TLP:CLEAR, 1 GREEN, 2 AMBER, 3 AMBER+STRICT, 4 RED. The store only
    /// compares it (<see cref="TaxiiObjectQueryRecord.MaxTlp"/>).
    /// </summary>
    public required int Tlp { get; init; }

    /// <summary>Gets the object's JSON text, as received.</summary>
    public required string Json { get; init; }
}
