namespace DistillGuard.Storage.PostgreSql;

/// <summary>Brings instants to what <c>timestamptz</c> holds: UTC, whole microseconds.</summary>
internal static class PostgreSqlTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Converts an instant to UTC and rounds it down to a whole microsecond, as the SQLite store does.</summary>
    /// <param name="value">The instant, in any offset.</param>
    /// <returns>The instant with offset zero.</returns>
    public static DateTimeOffset ToStored(DateTimeOffset value)
    {
        // Ticks are never negative and the Unix epoch is a whole microsecond, so this rounds down on either side of it.
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }
}
