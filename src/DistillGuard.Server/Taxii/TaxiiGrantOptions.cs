namespace DistillGuard.Server.Taxii;

/// <summary>What a TAXII peer may do with one collection.</summary>
public sealed class TaxiiGrantOptions
{
    /// <summary>Gets or sets the collection's id.</summary>
    /// <value>Empty; required, and it must be a configured collection.</value>
    public Guid Collection { get; set; }

    /// <summary>Gets or sets a value indicating whether the peer may read the collection's objects.</summary>
    /// <value>False.</value>
    public bool CanRead { get; set; }

    /// <summary>Gets or sets a value indicating whether the peer may add (and delete) objects.</summary>
    /// <value>False.</value>
    public bool CanWrite { get; set; }
}
