namespace DistillGuard.Server.Engine;

/// <summary>How the service keeps the engine's state: checkpoints, and whether prompt text is stored.</summary>
public sealed class EngineHostOptions
{
    /// <summary>Gets or sets how often the engine's state is checkpointed.</summary>
    /// <value>Five minutes. A restart replays the journal written since the last checkpoint.</value>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets after how many new exchanges a checkpoint is written regardless of the interval; 0 for never.</summary>
    /// <value>200,000.</value>
    public long CheckpointEveryExchanges { get; set; } = 200_000;

    /// <summary>
    /// Gets or sets whether the prompt text of each exchange is stored beside its journal entry, and the quotes of
    /// prompts that evidence cites are kept in the journal and in checkpoints.
    /// </summary>
    /// <value>
    /// False: only features (hashes and numbers) are stored; the engine needs nothing else to replay. Evidence quotes
    /// then live in memory only: after a restart a subject's evidence cites a prompt again from its next quotable one.
    /// </value>
    public bool StorePromptText { get; set; }

    internal IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CheckpointInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Engine:{nameof(CheckpointInterval)} must be at least one second; it is {CheckpointInterval}");
        }

        if (CheckpointEveryExchanges < 0)
        {
            errors.Add($"Engine:{nameof(CheckpointEveryExchanges)} must not be negative; it is {CheckpointEveryExchanges}");
        }

        return errors;
    }
}
