namespace DistillGuard.Core.Storage;

/// <summary>A stored object version of a TAXII collection.</summary>
public sealed record TaxiiObjectRecord
{
    /// <summary>Gets the collection's id.</summary>
    public required string CollectionId { get; init; }

    /// <summary>Gets the STIX id (<c>type--uuid</c>).</summary>
    public required string ObjectId { get; init; }

    /// <summary>Gets the STIX type.</summary>
    public required string Type { get; init; }

    /// <summary>Gets the STIX <c>spec_version</c>.</summary>
    public required string SpecVersion { get; init; }

    /// <summary>Gets the version (whole microseconds, UTC): <c>modified</c>, else <c>created</c>, else <see cref="DateAdded"/>.</summary>
    public required DateTimeOffset Version { get; init; }

    /// <summary>Gets the version as the object writes it, or <see langword="null"/> when it is the <c>date_added</c>.</summary>
    public string? VersionText { get; init; }

    /// <summary>Gets when the version was added (whole microseconds, UTC; unique and increasing, see <see cref="ITaxiiStore"/>).</summary>
    public required DateTimeOffset DateAdded { get; init; }

    /// <summary>Gets the TLP rank (see <see cref="TaxiiNewObjectRecord.Tlp"/>).</summary>
    public required int Tlp { get; init; }

    /// <summary>Gets the JSON text, or <see langword="null"/> when the query did not ask for it.</summary>
    public string? Json { get; init; }
}
