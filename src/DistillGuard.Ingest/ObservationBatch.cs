using System.Buffers;
using System.Diagnostics;
using DistillGuard.Core.Engine;
using DistillGuard.Ingest.Reading;

namespace DistillGuard.Ingest;

/// <summary>
/// The outcome of a batch of consecutive lines as <see cref="ExchangeStreamReader.ReadObservationsAsync"/> reads them:
/// what detection reads of each accepted line, and the rejected lines, each in input order.
/// </summary>
/// <remarks>
/// The observations live in an array rented from <see cref="ArrayPool{T}.Shared"/>; <see cref="Dispose"/> returns it,
/// after which <see cref="Observations"/> is empty. A batch that is never disposed only leaves its array to the
/// collector.
/// </remarks>
public sealed class ObservationBatch : IDisposable
{
    private static readonly RejectedLine[] NoRejections = [];

    private ExchangeObservation[]? _observations;
    private int _count;

    /// <summary>Initializes a new instance of the <see cref="ObservationBatch"/> class.</summary>
    /// <param name="observations">The rented array; its first <paramref name="count"/> items are the accepted lines'.</param>
    /// <param name="count">How many lines were accepted.</param>
    /// <param name="rejections">The rejected lines, in input order, or <see langword="null"/> for none.</param>
    /// <param name="firstLineNumber">The number of the first line the batch covers.</param>
    /// <param name="lineCount">How many lines the batch covers, blank ones included.</param>
    internal ObservationBatch(ExchangeObservation[] observations, int count, List<RejectedLine>? rejections, long firstLineNumber, long lineCount)
    {
        _observations = observations;
        _count = count;
        Parsed = count;
        Rejections = rejections is null ? NoRejections : rejections;
        FirstLineNumber = firstLineNumber;
        LineCount = lineCount;
    }

    /// <summary>Gets what detection reads of each accepted line, in input order; empty once disposed.</summary>
    public ReadOnlySpan<ExchangeObservation> Observations => _observations.AsSpan(0, _count);

    /// <summary>Gets the rejected lines, in input order.</summary>
    public IReadOnlyList<RejectedLine> Rejections { get; private set; }

    /// <summary>Gets the number of the first line the batch covers.</summary>
    public long FirstLineNumber { get; }

    /// <summary>Gets how many lines the batch covers, blank lines included.</summary>
    public long LineCount { get; }

    /// <summary>Gets how many lines were accepted.</summary>
    public int Parsed { get; private set; }

    /// <summary>Gets how many lines were rejected.</summary>
    public int Rejected => Rejections.Count;

    /// <summary>Gets how many lines were blank: counted as read, neither accepted nor rejected.</summary>
    public long Blank => LineCount - Parsed - Rejected;

    /// <summary>
    /// Rejects observation <paramref name="first"/> for <paramref name="reason"/>, and every later one that
    /// <paramref name="window"/> refuses, in input order; the rest keep their order.
    /// </summary>
    /// <param name="first">The first observation the window refused (the ones before it were accepted).</param>
    /// <param name="reason">Why.</param>
    /// <param name="lines">The lines the batch was parsed from, for the rejected lines' numbers and text.</param>
    /// <param name="window">The window, already past the observations before <paramref name="first"/>.</param>
    internal void Reject(int first, string reason, LineBatch lines, TimestampWindow window)
    {
        ExchangeObservation[] observations = _observations!;
        var before = Rejections;
        var rejections = new List<RejectedLine>(before.Count + 1);
        int known = 0, k = 0, kept = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            // The batch's non-blank lines are its rejections and its observations, interleaved in input order.
            LineEntry entry = lines.GetEntry(i);
            if (known < before.Count && before[known].LineNumber == entry.LineNumber)
            {
                rejections.Add(before[known++]);
                continue;
            }

            string? refused = null;
            if (k == first)
            {
                refused = reason;
            }
            else if (k > first)
            {
                window.TryAccept(observations[k].Timestamp, out refused);
            }

            if (refused is not null)
            {
                rejections.Add(new RejectedLine(entry.LineNumber, refused, RawLineText.From(lines.GetBytes(entry))));
            }
            else
            {
                observations[kept++] = observations[k];
            }

            k++;
        }

        Debug.Assert(k == _count, "every observation is one of the batch's lines");
        Array.Clear(observations, kept, _count - kept);
        _count = kept;
        Parsed = kept;
        Rejections = rejections;
    }

    /// <summary>Returns the observations' array to the pool.</summary>
    public void Dispose()
    {
        var observations = _observations;
        _observations = null;
        _count = 0;
        if (observations is not null)
        {
            // Cleared, so that the pool does not keep the cached objects they point to alive.
            ArrayPool<ExchangeObservation>.Shared.Return(observations, clearArray: true);
        }
    }
}
