namespace DistillGuard.Server.Dossier;

/// <summary>A mark on the timeline.</summary>
internal sealed record DossierTimelineMark
{
    /// <summary>Gets when.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Gets the row it belongs to, or -1 for a mark across every row (a decision, a publication).</summary>
    public required int Row { get; init; }

    /// <summary>Gets what it marks: <c>flagged</c>, <c>distillation</c>, <c>pivot</c>, or an audit action.</summary>
    public required string Kind { get; init; }
}
