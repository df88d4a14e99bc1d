using System.Globalization;

namespace DistillGuard.Server.Taxii;

/// <summary>TAXII and STIX timestamps: RFC 3339 in UTC with a <c>Z</c>, written with microseconds.</summary>
internal static class TaxiiTimestamps
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Writes an instant with exactly six fractional digits (TAXII's <c>date_added</c> precision).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a STIX timestamp (<c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>), rounding down to a whole microsecond, which is what
    /// the stores keep.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 20 || text[^1] != 'Z' || text[10] != 'T')
        {
            return false;
        }

        var body = text[..^1];
        var fraction = string.Empty;
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            fraction = body[(dot + 1)..];
            body = body[..dot];
            if (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        if (body.Length != 19
            || !DateTime.TryParseExact(body, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var seconds))
        {
            return false;
        }

        var micros = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(6, '0')[..6], NumberStyles.None, CultureInfo.InvariantCulture);
        value = new DateTimeOffset(DateTime.SpecifyKind(seconds, DateTimeKind.Utc)).AddTicks(micros * TicksPerMicrosecond);
        return true;
    }
}
