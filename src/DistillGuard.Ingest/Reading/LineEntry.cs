namespace DistillGuard.Ingest.Reading;

/// <summary>One non-blank line of a <see cref="LineBatch"/>: where its bytes are, or why it was rejected unread.</summary>
/// <param name="LineNumber">The 1-based line number in the input.</param>
/// <param name="Offset">Where the line's bytes start in the batch buffer.</param>
/// <param name="Length">How many bytes of the line the buffer holds, line terminator excluded.</param>
/// <param name="Rejection">Why the line was rejected before parsing (it was too long), or <see langword="null"/>;
/// then the buffer holds only its first bytes, enough for the reject file.</param>
internal readonly record struct LineEntry(long LineNumber, int Offset, int Length, string? Rejection);
