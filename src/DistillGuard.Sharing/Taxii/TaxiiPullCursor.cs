namespace DistillGuard.Sharing.Taxii;

/// <summary>
/// Where a pull of a collection resumes: after the last <c>date_added</c> received, and within a listing the server's
/// <c>next</c> value. Store it after each page; a pull that stopped resumes there without missing or repeating objects.
/// </summary>
/// <param name="AddedAfter">The <c>date_added</c> of the last object received (<c>X-TAXII-Date-Added-Last</c>), or null for the start.</param>
/// <param name="Next">The <c>next</c> value of an unfinished listing, or null.</param>
public sealed record TaxiiPullCursor(DateTimeOffset? AddedAfter, string? Next)
{
    /// <summary>Gets the cursor of a collection never pulled.</summary>
    public static TaxiiPullCursor Start { get; } = new(null, null);
}
