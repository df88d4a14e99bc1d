namespace DistillGuard.Server.AnalystConsole;

/// <summary>One page of the review queue.</summary>
public sealed record QueueResult
{
    /// <summary>Gets the filters the page answers.</summary>
    public required QueueFilter Filter { get; init; }

    /// <summary>Gets the page's subjects, in order.</summary>
    public required IReadOnlyList<QueueRow> Rows { get; init; }

    /// <summary>Gets how many subjects match the filters.</summary>
    public required long Matched { get; init; }

    /// <summary>Gets the page size.</summary>
    public required int PageSize { get; init; }

    /// <summary>Gets how many pages the matches fill.</summary>
    public long Pages => Math.Max(1, (Matched + PageSize - 1) / PageSize);
}
