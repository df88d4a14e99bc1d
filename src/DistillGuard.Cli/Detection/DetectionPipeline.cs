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
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The engine with everything observed, and the counts.</returns>
    /// <exception cref="InputException">The input cannot be read further.</exception>
    public static async Task<DetectionRun> RunAsync(
        Stream input,
        InputFormat format,
        Action<RejectedLine>? rejects = null,
        ExchangeReadCounters? counters = null,
        DetectionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var session = new DetectionSession(options);
        counters ??= new ExchangeReadCounters();
        await session.ReadAsync(input, format, rejects, counters, cancellationToken: cancellationToken).ConfigureAwait(false);
        session.Flush();
        return new DetectionRun(session.Engine, session.Sequencer, counters.Lines, counters.Rejected);
    }
}
