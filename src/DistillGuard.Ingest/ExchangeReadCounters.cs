namespace DistillGuard.Ingest;

/// <summary>
/// What an <see cref="ExchangeStreamReader"/> has handed to its consumer so far. Updated as each batch is
/// yielded; safe to read from another thread (a progress display) while reading goes on.
/// </summary>
/// <remarks><c>Lines</c> = <c>Parsed</c> + <c>Rejected</c> + <c>Blank</c> whenever a batch is not being added.</remarks>
public sealed class ExchangeReadCounters
{
    private long _lines;
    private long _parsed;
    private long _rejected;
    private long _blank;

    /// <summary>Gets how many lines were read, blank lines included.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>Gets how many lines were parsed into exchanges.</summary>
    public long Parsed => Interlocked.Read(ref _parsed);

    /// <summary>Gets how many lines were rejected.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Gets how many lines were blank: neither accepted nor rejected.</summary>
    public long Blank => Interlocked.Read(ref _blank);

    /// <summary>Adds a batch handed to the consumer.</summary>
    /// <typeparam name="T">What the caller extracts from each exchange.</typeparam>
    /// <param name="batch">The batch.</param>
    internal void Add<T>(ParsedBatch<T> batch) => Add(batch.Parsed, batch.Rejected, batch.Blank, batch.LineCount);

    internal void Add(ObservationBatch batch) => Add(batch.Parsed, batch.Rejected, batch.Blank, batch.LineCount);

    private void Add(long parsed, long rejected, long blank, long lines)
    {
        Interlocked.Add(ref _parsed, parsed);
        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Add(ref _blank, blank);
        Interlocked.Add(ref _lines, lines);
    }
}
