namespace DistillGuard.Server.Dossier;

/// <summary>A STIX object the campaign was published as (from the audit log's <c>share.object.published</c> entries).</summary>
internal sealed record DossierStixEntry
{
    /// <summary>Gets the STIX id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the STIX type (the id's part before <c>--</c>).</summary>
    public required string Type { get; init; }

    /// <summary>Gets the bundle it went out in.</summary>
    public required string Bundle { get; init; }

    /// <summary>Gets when it was published.</summary>
    public required DateTimeOffset PublishedAt { get; init; }
}
