using System.Diagnostics.CodeAnalysis;
using DistillGuard.Core.Exchanges;

namespace DistillGuard.Ingest;

/// <summary>The outcome of one non-blank line: an exchange and what was extracted from it, or a rejection.</summary>
/// <typeparam name="T">What the caller extracts from each exchange.</typeparam>
/// <param name="LineNumber">The 1-based line number in the input.</param>
/// <param name="Exchange">The exchange parsed, or <see langword="null"/> if the line was rejected.</param>
/// <param name="Extracted">What the caller's extract function returned for <paramref name="Exchange"/>; default if rejected.</param>
/// <param name="Rejection">Why the line was rejected, or <see langword="null"/> if it was accepted.</param>
public readonly record struct ParsedLine<T>(long LineNumber, Exchange? Exchange, T? Extracted, RejectedLine? Rejection)
{
    /// <summary>Gets whether the line was parsed into an exchange.</summary>
    [MemberNotNullWhen(true, nameof(Exchange))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Exchange is not null;
}
