namespace DistillGuard.Server.AnalystConsole;

/// <summary>The review queue's orders.</summary>
public enum QueueSort
{
    /// <summary>Highest score first (the default).</summary>
    ScoreDescending,

    /// <summary>Lowest score first.</summary>
    ScoreAscending,

    /// <summary>By account, then end user, ordinal.</summary>
    Subject,
}
