namespace DistillGuard.Storage.Sqlite;

/// <summary>
/// Converts instants to and from the store's representation: whole microseconds since the Unix epoch, UTC, as an
/// INTEGER. That is PostgreSQL's <c>timestamptz</c> precision, so both stores return the same values.
/// </summary>
internal static class SqliteTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Converts an instant to microseconds since the Unix epoch, rounding down below a microsecond.</summary>
    /// <param name="value">The instant, in any offset.</param>
    /// <returns>The microseconds.</returns>
    public static long ToUnixMicroseconds(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTime.UnixEpoch.Ticks;
        var (quotient, remainder) = Math.DivRem(ticks, TicksPerMicrosecond);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Converts microseconds since the Unix epoch to an instant with offset zero.</summary>
    /// <param name="microseconds">The microseconds.</param>
    /// <returns>The instant.</returns>
    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTime.UnixEpoch.Ticks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);
}
