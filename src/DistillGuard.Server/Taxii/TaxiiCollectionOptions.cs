namespace DistillGuard.Server.Taxii;

/// <summary>A TAXII collection of STIX 2.1 objects, in one API root.</summary>
public sealed class TaxiiCollectionOptions
{
    /// <summary>Gets or sets the collection's id.</summary>
    /// <value>Empty; required and unique.</value>
    public Guid Id { get; set; }

    /// <summary>Gets or sets the name of the API root it belongs to.</summary>
    /// <value>Empty; required, and it must be a configured API root.</value>
    public string ApiRoot { get; set; } = string.Empty;

    /// <summary>Gets or sets the title shown to peers.</summary>
    /// <value>Empty; required.</value>
    public string Title { get; set; } = string.Empty;

    /// <summary>Gets or sets the description shown to peers, or null.</summary>
    /// <value>Null.</value>
    public string? Description { get; set; }
}
