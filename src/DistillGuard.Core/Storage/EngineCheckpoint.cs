namespace DistillGuard.Core.Storage;

/// <summary>A saved engine state: everything up to and including <see cref="Sequence"/> is in it.</summary>
public sealed record EngineCheckpoint
{
    /// <summary>Gets the last journal sequence the state includes.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets when the checkpoint was written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the serialised engine state.</summary>
    public required byte[] Data { get; init; }
}
