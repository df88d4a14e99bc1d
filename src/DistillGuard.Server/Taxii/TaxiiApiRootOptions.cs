namespace DistillGuard.Server.Taxii;

/// <summary>A TAXII API root (one per trust group), served at <c>/taxii2/{Name}/</c>.</summary>
public sealed class TaxiiApiRootOptions
{
    /// <summary>Gets or sets the root's name, its path segment under <c>/taxii2/</c>.</summary>
    /// <value>Empty; required: lower-case letters, digits, <c>-</c> and <c>_</c>, starting with a letter or digit.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the title shown to peers.</summary>
    /// <value>Empty; required.</value>
    public string Title { get; set; } = string.Empty;

    /// <summary>Gets or sets the description shown to peers, or null.</summary>
    /// <value>Null.</value>
    public string? Description { get; set; }

    /// <summary>Gets or sets the largest request body accepted (<c>max_content_length</c>); larger ones get 413.</summary>
    /// <value>10 MiB. At least 1,024.</value>
    public long MaxContentLength { get; set; } = 10L * 1024 * 1024;
}
