using System.Collections.Frozen;
using System.Globalization;
using DistillGuard.Core.Engine;

namespace DistillGuard.Server.Engine;

/// <summary>How the service keeps the engine's state (checkpoints, whether prompt text is stored), and the provider's allow-list.</summary>
public sealed class EngineHostOptions
{
    /// <summary>Gets or sets how often the engine's state is checkpointed.</summary>
    /// <value>Five minutes. A restart replays the journal written since the last checkpoint.</value>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets after how many new exchanges a checkpoint is written regardless of the interval; 0 for never.</summary>
    /// <value>200,000.</value>
    public long CheckpointEveryExchanges { get; set; } = 200_000;

    /// <summary>Gets or sets how far out of timestamp order an exchange may arrive and still be put in order before the engine observes it.</summary>
    /// <value>
    /// Zero: the service observes every exchange as soon as it is journalled, so decisions are never behind the journal;
    /// one that arrives older than what was observed is counted as late. A window of W holds each exchange until the
    /// stream is W past it (decisions lag by as much), as <c>detect</c> does with five minutes.
    /// </value>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets for how long, in stream time, the sequencer remembers ids to drop duplicates.</summary>
    /// <value>
    /// Zero: the journal refuses a repeated id at any age before the sequencer sees it, so remembering ids again would
    /// only cost memory (a day of ids at full ingest is tens of gigabytes). <c>detect</c>, which has no journal, keeps
    /// 24 hours.
    /// </value>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Gets or sets whether the prompt text of each exchange is stored beside its journal entry, and the quotes of
    /// prompts that evidence cites are kept in the journal and in checkpoints.
    /// </summary>
    /// <value>
    /// False: only features (hashes and numbers) are stored; the engine needs nothing else to replay. Evidence quotes
    /// then live in memory only: after a restart a subject's evidence cites a prompt again from its next quotable one.
    /// </value>
    public bool StorePromptText { get; set; }

    /// <summary>
    /// Gets or sets the accounts the provider allow-lists (licensed customers), the engine's
    /// <see cref="DetectionOptions.AllowListedAccounts"/>: still scored, with their signals and evidence, but held at
    /// <c>suspicious</c> at most; and no policy rule applies to them or their end users in a decision (only an
    /// analyst's override enforces).
    /// </summary>
    /// <value>
    /// Empty. Changing the list makes the latest checkpoint unusable (it is part of its fingerprint), so the next start
    /// replays the journal and judges every subject again under the new list.
    /// </value>
    public List<string> AllowListedAccounts { get; set; } = [];

    /// <summary>
    /// Gets or sets the scheduling niceness of the threads that parse, journal and observe ingested exchanges (a Linux
    /// nice value, 0 to 19; elsewhere any value above 0 means below-normal thread priority).
    /// </summary>
    /// <value>
    /// 10: ingest yields a core to a waiting decision or gateway request at once, and takes whatever the request path
    /// leaves. 0 runs ingest at the request path's priority (a decision's 99th percentile then rises to milliseconds
    /// on a machine that ingest keeps busy).
    /// </value>
    public int IngestNiceness { get; set; } = 10;

    /// <summary>
    /// Gets or sets how many ingest bodies (<c>POST /v1/exchanges</c>, LiteLLM callbacks) are parsed and journalled at
    /// once; the others wait their turn with their requests open. 0 means half the cores, at least one.
    /// </summary>
    /// <value>
    /// 0 (one body at a time on two cores): each body's parsing already runs on two workers, and a second body at once
    /// added about 10 % of ingest throughput on two cores but raised a decision's 99th percentile from about 1.7 to
    /// 2.5 ms (the request-path bench, README).
    /// </value>
    public int MaxConcurrentIngestBodies { get; set; }

    /// <summary>Gets <see cref="MaxConcurrentIngestBodies"/> resolved: half the cores, at least one, when it is 0.</summary>
    internal int IngestBodiesAtOnce() => MaxConcurrentIngestBodies > 0 ? MaxConcurrentIngestBodies : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Gets the allow-list as a set, compared ordinally.</summary>
    internal FrozenSet<string> AllowListedAccountSet() => AllowListedAccounts.ToFrozenSet(StringComparer.Ordinal);

    internal IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CheckpointInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Engine:{nameof(CheckpointInterval)} must be at least one second; it is {CheckpointInterval}");
        }

        if (ReorderWindow < TimeSpan.Zero || DuplicateWindow < TimeSpan.Zero)
        {
            errors.Add($"Engine:{nameof(ReorderWindow)} and Engine:{nameof(DuplicateWindow)} must not be negative; they are {ReorderWindow} and {DuplicateWindow}");
        }

        if (MaxConcurrentIngestBodies < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Engine:{nameof(MaxConcurrentIngestBodies)} must not be negative (0 means half the cores); it is {MaxConcurrentIngestBodies}"));
        }

        if (IngestNiceness is < 0 or > 19)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Engine:{nameof(IngestNiceness)} must be in [0, 19]; it is {IngestNiceness}"));
        }

        if (CheckpointEveryExchanges < 0)
        {
            errors.Add($"Engine:{nameof(CheckpointEveryExchanges)} must not be negative; it is {CheckpointEveryExchanges}");
        }

        for (var i = 0; i < AllowListedAccounts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(AllowListedAccounts[i]))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Engine:{nameof(AllowListedAccounts)}:{i} must be an account id, not empty"));
            }
        }

        return errors;
    }
}
