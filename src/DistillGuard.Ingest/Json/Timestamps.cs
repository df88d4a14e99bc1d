using System.Globalization;
using System.Text.Json;

namespace DistillGuard.Ingest.Json;

/// <summary>RFC 3339 timestamps as the DistillGuard formats read and write them.</summary>
internal static class Timestamps
{
    /// <summary>The most characters a formatted timestamp takes.</summary>
    public const int MaxFormattedLength = 40;

    private const int DateTimeLength = 19;

    /// <summary>Gets whether an ISO 8601 date-time text ends with an offset (<c>Z</c> or <c>±hh:mm</c>).</summary>
    /// <param name="text">The UTF-8 text, already known to parse as a date-time.</param>
    /// <returns><see langword="true"/> if it has an offset.</returns>
    /// <remarks>A date alone, or a date and time without an offset, would be local time: a different instant on every machine.</remarks>
    public static bool HasOffset(ReadOnlySpan<byte> text) =>
        text.Length > DateTimeLength && (text[^1] is (byte)'Z' or (byte)'z' || text[DateTimeLength..].IndexOfAny((byte)'+', (byte)'-') >= 0);

    /// <inheritdoc cref="HasOffset(ReadOnlySpan{byte})"/>
    public static bool HasOffset(ReadOnlySpan<char> text) =>
        text.Length > DateTimeLength && (text[^1] is 'Z' or 'z' || text[DateTimeLength..].IndexOfAny('+', '-') >= 0);

    /// <summary>Reads an RFC 3339 timestamp with an offset from the string token the reader is on.</summary>
    /// <param name="reader">A reader on a string token.</param>
    /// <param name="field">The field's path, for error messages.</param>
    /// <returns>The timestamp.</returns>
    /// <exception cref="InvalidFieldException">The string is not such a timestamp.</exception>
    public static DateTimeOffset Read(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw InvalidFieldException.Expected(field, "an RFC 3339 timestamp string");
        }

        if (!reader.ValueIsEscaped && TryParseCommon(reader.ValueSpan, out DateTimeOffset common))
        {
            return common;
        }

        if (!reader.TryGetDateTimeOffset(out DateTimeOffset value))
        {
            throw InvalidFieldException.Invalid(field, $"{JsonErrors.Quote(reader.GetString()!)} is not an RFC 3339 timestamp");
        }

        bool hasOffset = reader.ValueIsEscaped ? HasOffset(reader.GetString().AsSpan()) : HasOffset(reader.ValueSpan);
        return hasOffset
            ? value
            : throw InvalidFieldException.Invalid(field, $"timestamp {JsonErrors.Quote(reader.GetString()!)} has no offset (add Z or +hh:mm)");
    }

    /// <summary>
    /// Parses the one shape that nearly every log writes, <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>, without
    /// the general ISO 8601 machinery; anything else is left to <see cref="Utf8JsonReader.TryGetDateTimeOffset(out DateTimeOffset)"/>.
    /// </summary>
    /// <param name="text">The UTF-8 text.</param>
    /// <param name="value">The timestamp.</param>
    /// <returns><see langword="false"/> if the text is not of that shape or not a valid date and time.</returns>
    internal static bool TryParseCommon(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text[..4], out int year) || !TryDigits(text.Slice(5, 2), out int month) || !TryDigits(text.Slice(8, 2), out int day)
            || !TryDigits(text.Slice(11, 2), out int hour) || !TryDigits(text.Slice(14, 2), out int minute) || !TryDigits(text.Slice(17, 2), out int second)
            || year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        int position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            int start = ++position;
            long scale = TimeSpan.TicksPerSecond;
            while (position < text.Length && char.IsAsciiDigit((char)text[position]))
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fractionTicks += (text[position] - '0') * scale;
                }

                position++;
            }

            if (position == start)
            {
                return false;
            }
        }

        TimeSpan offset;
        ReadOnlySpan<byte> zone = text[position..];
        if (zone.Length == 1 && zone[0] == 'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && zone[0] is (byte)'+' or (byte)'-' && zone[3] == ':'
            && TryDigits(zone.Slice(1, 2), out int offsetHours) && TryDigits(zone.Slice(4, 2), out int offsetMinutes)
            && offsetHours <= 14 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(fractionTicks), offset);
        return true;
    }

    /// <summary>Parses an RFC 3339 timestamp with an offset.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The timestamp.</param>
    /// <returns>Whether the text is such a timestamp.</returns>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null
            && HasOffset(text.AsSpan())
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    /// <summary>Formats a timestamp in UTC with milliseconds, as <c>dg-exchange/1</c> writes it: <c>2026-11-20T10:00:00.123Z</c>.</summary>
    /// <param name="value">The timestamp.</param>
    /// <param name="destination">At least <see cref="MaxFormattedLength"/> characters.</param>
    /// <returns>How many characters were written.</returns>
    public static int FormatMilliseconds(DateTimeOffset value, Span<char> destination)
    {
        value.UtcDateTime.TryFormat(destination, out int written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>
    /// Formats a timestamp in UTC with as many fractional digits as it has, as <c>dg-findings/1</c> writes it:
    /// <c>2026-11-27T10:00:00Z</c>, <c>2026-11-03T04:12:00.5Z</c>.
    /// </summary>
    /// <param name="value">The timestamp.</param>
    /// <returns>The text.</returns>
    public static string FormatCompact(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
