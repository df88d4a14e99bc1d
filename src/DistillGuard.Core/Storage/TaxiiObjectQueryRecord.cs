namespace DistillGuard.Core.Storage;

/// <summary>
/// A query of a TAXII collection's object versions: the TAXII 2.1 filters (<c>match[id]</c>, <c>match[type]</c>,
/// <c>match[spec_version]</c>, <c>match[version]</c>), the reader's TLP ceiling, and the page (<c>added_after</c>, limit).
/// </summary>
/// <remarks>
/// The id, type, spec_version and TLP filters choose the candidate versions first; <c>first</c> and <c>last</c> are
/// then each object's oldest and newest candidate version, so a reader sees the newest version it may see. A version is
/// selected when it is in the union of <see cref="AllVersions"/>, <see cref="FirstVersion"/>,
/// <see cref="LastVersion"/> and <see cref="Versions"/>; the page is the selected versions added after
/// <see cref="AddedAfter"/>.
/// </remarks>
public sealed record TaxiiObjectQueryRecord
{
    /// <summary>Gets the collection.</summary>
    public required string CollectionId { get; init; }

    /// <summary>Gets the highest TLP rank returned (see <see cref="TaxiiNewObjectRecord.Tlp"/>).</summary>
    public required int MaxTlp { get; init; }

    /// <summary>Gets the STIX ids to return, or empty for any.</summary>
    public IReadOnlyList<string> ObjectIds { get; init; } = [];

    /// <summary>Gets the STIX types to return, or empty for any.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>Gets the spec versions to return, or empty for any.</summary>
    public IReadOnlyList<string> SpecVersions { get; init; } = [];

    /// <summary>Gets a value indicating whether every version is selected.</summary>
    public bool AllVersions { get; init; }

    /// <summary>Gets a value indicating whether each object's oldest candidate version is selected.</summary>
    public bool FirstVersion { get; init; }

    /// <summary>Gets a value indicating whether each object's newest candidate version is selected.</summary>
    public bool LastVersion { get; init; }

    /// <summary>Gets versions selected by their timestamp (whole microseconds).</summary>
    public IReadOnlyList<DateTimeOffset> Versions { get; init; } = [];

    /// <summary>Gets the <c>date_added</c> after which the page starts, or <see langword="null"/> for the start.</summary>
    public DateTimeOffset? AddedAfter { get; init; }

    /// <summary>Gets the largest number of versions returned.</summary>
    public required int Limit { get; init; }

    /// <summary>Gets a value indicating whether the versions' JSON is read.</summary>
    public bool IncludeJson { get; init; }
}
