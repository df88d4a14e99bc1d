using System.Text.Json;

namespace DistillGuard.Sharing.Taxii;

/// <summary>One page of a collection's objects.</summary>
public sealed record TaxiiObjectPage
{
    /// <summary>Gets the STIX objects, as received (each a detached JSON element).</summary>
    public required IReadOnlyList<JsonElement> Objects { get; init; }

    /// <summary>Gets a value indicating whether the server has more objects for the same request.</summary>
    public required bool More { get; init; }

    /// <summary>Gets the server's <c>next</c> value, or null.</summary>
    public string? Next { get; init; }

    /// <summary>Gets the <c>date_added</c> of the page's first object (<c>X-TAXII-Date-Added-First</c>), or null.</summary>
    public DateTimeOffset? DateAddedFirst { get; init; }

    /// <summary>Gets the <c>date_added</c> of the page's last object (<c>X-TAXII-Date-Added-Last</c>), or null.</summary>
    public DateTimeOffset? DateAddedLast { get; init; }

    /// <summary>Gets the cursor to store after this page: the next page starts there.</summary>
    public required TaxiiPullCursor Cursor { get; init; }
}
