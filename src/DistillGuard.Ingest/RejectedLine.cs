namespace DistillGuard.Ingest;

/// <summary>A line of input that was rejected, and why.</summary>
/// <param name="LineNumber">The 1-based line number in the input.</param>
/// <param name="Reason">Why it was rejected, naming the field at fault, for example <c>missing required field 'account_id'</c>.</param>
/// <param name="Raw">The line as read, cut to its first 4096 characters; invalid UTF-8 is replaced by U+FFFD.</param>
public sealed record RejectedLine(long LineNumber, string Reason, string Raw);
