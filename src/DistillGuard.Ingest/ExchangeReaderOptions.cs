namespace DistillGuard.Ingest;

/// <summary>Options of <see cref="ExchangeStreamReader"/>: line limits, the timestamp window, batching and parallelism.</summary>
public sealed class ExchangeReaderOptions
{
    /// <summary>The largest <see cref="MaxLineBytes"/> accepted: 256 MiB.</summary>
    public const int MaxLineBytesLimit = 256 * 1024 * 1024;

    /// <summary>Gets or sets the longest line accepted, in bytes, line terminator excluded.</summary>
    /// <value>1 MiB (1,048,576 bytes).</value>
    /// <remarks>
    /// A longer line is rejected with the reason <c>line longer than N bytes</c> without being read into memory
    /// whole: its first bytes are kept for the reject file and the rest is skipped.
    /// </remarks>
    public int MaxLineBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the earliest exchange timestamp accepted; an earlier line is rejected with a reason.</summary>
    /// <value>2000-01-01T00:00:00Z.</value>
    /// <remarks>See <see cref="TimestampWindow"/>.</remarks>
    public DateTimeOffset MinTimestamp { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Gets or sets how far after the latest accepted exchange (in input order) a timestamp may be; a later line is
    /// rejected with a reason.
    /// </summary>
    /// <value>One day.</value>
    /// <remarks>See <see cref="TimestampWindow"/>. Input order, not the order in which worker tasks finish, decides
    /// which exchange is the latest accepted, so the same input is always accepted and rejected the same way.</remarks>
    public TimeSpan MaxTimestampLead { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets the latest timestamp accepted before this input, from which the window starts.</summary>
    /// <value><see langword="null"/>: none, so the input's first exchange is bounded only by <see cref="MinTimestamp"/>.
    /// The service sets the later of its latest journalled exchange and its clock.</value>
    public DateTimeOffset? LatestBefore { get; set; }

    /// <summary>Gets or sets the most lines in one batch.</summary>
    /// <value>1024.</value>
    public int MaxBatchLines { get; set; } = 1024;

    /// <summary>Gets or sets the size of one batch's buffer, in bytes; raised to <see cref="MaxLineBytes"/> + 2 if smaller.</summary>
    /// <value>1 MiB.</value>
    public int MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many batches are parsed at the same time, each on its own worker task.</summary>
    /// <value><see cref="Environment.ProcessorCount"/>.</value>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Gets or sets the task scheduler the parsing workers run on (and stay on across their awaits).</summary>
    /// <value>Null: the thread pool. The service gives its ingest scheduler, whose threads run below the request path's priority.</value>
    public TaskScheduler? Scheduler { get; set; }

    /// <summary>Gets or sets whether the texts that detection does not read are kept.</summary>
    /// <value>
    /// Defaults to <see langword="true"/>. <see langword="false"/> validates, but does not copy, the content of
    /// assistant and tool messages and <c>response.output_text</c> (<see cref="Exchanges.DgExchangeParser(bool)"/>).
    /// </value>
    public bool KeepTexts { get; set; } = true;

    /// <summary>
    /// Gets or sets how many batches may be read ahead of the consumer: being parsed, parsed and waiting, or
    /// waiting to be parsed. It bounds the reader's memory to about this many batch buffers plus their results.
    /// </summary>
    /// <value>Twice <see cref="Environment.ProcessorCount"/>, plus 2.</value>
    public int MaxBatchesInFlight { get; set; } = (2 * Environment.ProcessorCount) + 2;

    /// <summary>Gets the size of a batch buffer: <see cref="MaxBatchBytes"/>, and room for a longest line and its CR LF.</summary>
    internal int BatchBufferSize => Math.Max(MaxBatchBytes, MaxLineBytes + 2);

    /// <summary>Throws if an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineBytes, 1, nameof(MaxLineBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxLineBytes, MaxLineBytesLimit, nameof(MaxLineBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchLines, 1, nameof(MaxBatchLines));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchBytes, 1, nameof(MaxBatchBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatchBytes, MaxLineBytesLimit, nameof(MaxBatchBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchesInFlight, 1, nameof(MaxBatchesInFlight));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTimestampLead, TimeSpan.Zero, nameof(MaxTimestampLead));
    }
}
