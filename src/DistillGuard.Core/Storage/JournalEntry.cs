namespace DistillGuard.Core.Storage;

/// <summary>
/// One accepted exchange as the service stores it: what the engine needs to replay it after a restart, and the prompt
/// text only when the operator configured the service to keep it.
/// </summary>
public sealed record JournalEntry
{
    /// <summary>Gets the store's sequence number (1, 2, ... in acceptance order); 0 before the store assigned one.</summary>
    public long Sequence { get; init; }

    /// <summary>Gets the exchange's id, unique in the store (a second entry with the same id is a duplicate).</summary>
    public required string ExchangeId { get; init; }

    /// <summary>Gets the exchange's timestamp.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the account the exchange was served to.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the end user behind the account, if any.</summary>
    public string? EndUserId { get; init; }

    /// <summary>Gets the engine's input for the exchange, in the service's own encoding (opaque to the store).</summary>
    public required byte[] Payload { get; init; }

    /// <summary>Gets the prompt text, or <see langword="null"/> when prompt storage is off (the default).</summary>
    public string? PromptText { get; init; }
}
