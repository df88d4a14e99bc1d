namespace DistillGuard.Server.AnalystConsole;

/// <summary>What the decision dialog shows: the subjects it decides on and where to go back to.</summary>
public sealed record DecideView
{
    /// <summary>Gets the subjects, each as its token and its name.</summary>
    public required IReadOnlyList<(string Token, string Name)> Subjects { get; init; }

    /// <summary>Gets the console page to return to after the decision.</summary>
    public required string ReturnTo { get; init; }

    /// <summary>Gets the scope selected at first (<c>subject</c>, <c>account</c> or <c>campaign</c>).</summary>
    public string Scope { get; init; } = "subject";

    /// <summary>Gets the longest expiry allowed, in hours.</summary>
    public required int MaxHours { get; init; }

    /// <summary>Gets what was wrong with the last submission, or null.</summary>
    public string? Error { get; init; }
}
