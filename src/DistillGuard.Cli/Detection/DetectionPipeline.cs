using DistillGuard.Core.Engine;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Detection;

/// <summary>
/// The batch detection run that <c>detect</c>, <c>demo</c> and <c>bench</c> share: a <see cref="DetectionSession"/> over
/// the whole input (the parallel reader parses lines and extracts features on worker threads; one loop puts the
/// exchanges in order and feeds the engine), flushed at the end.
/// </summary>
internal static class DetectionPipeline
{
    /// <summary>Reads <paramref name="input"/> to its end and runs detection over it.</summary>
    /// <param name="input">The uncompressed input, for example from <see cref="ExchangeInput.Open(string)"/>; not disposed.</param>
    /// <param name="format">The input's format.</param>
    /// <param name="rejects">Receives each rejected line, in input order, or <see langword="null"/>.</param>
    /// <param name="counters">Counters the reader updates as it goes (a progress display reads them), or <see langword="null"/>.</param>
    /// <param name="options">The engine's options; defaults when <see langword="null"/>.</param>
    /// <param name="now">
    /// The clock's time at the start of the run, from which the timestamp window starts
    /// (<see cref="ExchangeReaderOptions.LatestBefore"/>): a log of the past may then have gaps of any length, while an
    /// exchange dated more than the window's lead after both the clock and the latest accepted one is rejected.
    /// <see langword="null"/> bounds the window by the input alone.
    /// </param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The engine with everything observed, and the counts.</returns>
    /// <exception cref="InputException">The input cannot be read further.</exception>
    public static async Task<DetectionRun> RunAsync(
        Stream input,
        InputFormat format,
        Action<RejectedLine>? rejects = null,
        ExchangeReadCounters? counters = null,
        DetectionOptions? options = null,
        DateTimeOffset? now = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var session = new DetectionSession(options);
        counters ??= new ExchangeReadCounters();
        var readerOptions = new ExchangeReaderOptions { KeepTexts = false, LatestBefore = now };
        await session.ReadAsync(input, format, rejects, counters, readerOptions, cancellationToken).ConfigureAwait(false);
        session.Flush();
        return new DetectionRun(session.Engine, session.Sequencer, counters.Lines, counters.Rejected);
    }
}
