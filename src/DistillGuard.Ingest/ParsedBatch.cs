namespace DistillGuard.Ingest;

/// <summary>The outcome of a batch of consecutive lines, in input order.</summary>
/// <typeparam name="T">What the caller extracts from each exchange.</typeparam>
public sealed class ParsedBatch<T>
{
    /// <summary>Initializes a new instance of the <see cref="ParsedBatch{T}"/> class.</summary>
    /// <param name="lines">The non-blank lines, in input order.</param>
    /// <param name="firstLineNumber">The number of the first line the batch covers.</param>
    /// <param name="lineCount">How many lines the batch covers, blank ones included.</param>
    internal ParsedBatch(ParsedLine<T>[] lines, long firstLineNumber, long lineCount)
    {
        LineArray = lines;
        FirstLineNumber = firstLineNumber;
        LineCount = lineCount;
        foreach (ref readonly ParsedLine<T> line in lines.AsSpan())
        {
            if (line.IsAccepted)
            {
                Parsed++;
            }
        }

        Rejected = lines.Length - Parsed;
    }

    /// <summary>Gets the outcome of every non-blank line of the batch, in input order; blank lines are left out.</summary>
    public IReadOnlyList<ParsedLine<T>> Lines => LineArray;

    /// <summary>Gets the number of the first line the batch covers.</summary>
    public long FirstLineNumber { get; }

    /// <summary>Gets how many lines the batch covers, blank lines included.</summary>
    public long LineCount { get; }

    /// <summary>Gets how many lines were parsed into exchanges.</summary>
    public int Parsed { get; }

    /// <summary>Gets how many lines were rejected.</summary>
    public int Rejected { get; }

    /// <summary>Gets how many lines were blank: counted as read, neither accepted nor rejected.</summary>
    public long Blank => LineCount - Lines.Count;

    /// <summary>Gets the lines' array, which the reader's timestamp check rewrites in place.</summary>
    internal ParsedLine<T>[] LineArray { get; }
}
