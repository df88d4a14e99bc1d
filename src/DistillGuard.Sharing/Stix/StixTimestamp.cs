using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DistillGuard.Sharing.Stix;

/// <summary>STIX timestamps: RFC 3339 in UTC with a <c>Z</c>, written with exactly millisecond precision.</summary>
public static partial class StixTimestamp
{
    /// <summary>Truncates a time to whole milliseconds in UTC, the precision DistillGuard writes.</summary>
    /// <param name="value">The time.</param>
    /// <returns>The same instant in UTC, without sub-millisecond ticks.</returns>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Formats a time, for example <c>2026-11-20T10:00:00.123Z</c>.</summary>
    /// <param name="value">The time.</param>
    /// <returns>Milliseconds always; finer digits only when the time has them (a timestamp read from a peer).</returns>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var finer = utc.UtcTicks % TimeSpan.TicksPerMillisecond;
        return finer == 0
            ? text + "Z"
            : text + finer.ToString("0000", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }

    /// <summary>Parses a STIX timestamp.</summary>
    /// <param name="text">The text, for example <c>2026-11-20T10:00:00.123Z</c>.</param>
    /// <param name="value">The time, in UTC.</param>
    /// <returns>Whether the text is an RFC 3339 timestamp in UTC (<c>Z</c>).</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Shape().IsMatch(text))
        {
            return false;
        }

        // .NET reads at most seven fraction digits; STIX allows more, which carry nothing a tick can hold.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && text.Length - 1 - (dot + 1) > 7)
        {
            text = string.Concat(text.AsSpan(0, dot + 8), "Z");
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
