namespace DistillGuard.Server.Engine;

/// <summary>What <see cref="EngineHost.IngestAsync"/> did with one exchange.</summary>
internal enum IngestStatus
{
    /// <summary>Journalled and observed.</summary>
    Stored,

    /// <summary>Its id was already journalled; nothing was stored.</summary>
    Duplicate,

    /// <summary>Its timestamp is outside the window; nothing was stored.</summary>
    Rejected,
}
