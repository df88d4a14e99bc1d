namespace DistillGuard.Core.Engine;

/// <summary>Arithmetic on the stream's clock (the exchanges' own timestamps) that cannot overflow.</summary>
/// <remarks>
/// A timestamp is whatever an input says: the readers refuse the absurd ones, but the engine must not depend on them
/// for its own integrity. <c>DateTimeOffset.MaxValue + 1 hour</c> throws; here it stays at the end of time, so an
/// exchange dated 9999-12-31 can at worst stop the campaign ticks, never break the engine.
/// </remarks>
internal static class StreamTime
{
    /// <summary>Adds a non-negative interval to a timestamp, saturating at <see cref="DateTimeOffset.MaxValue"/>.</summary>
    /// <param name="timestamp">The timestamp.</param>
    /// <param name="interval">The interval; a negative one is treated as zero.</param>
    /// <returns>The sum in UTC, or <see cref="DateTimeOffset.MaxValue"/> if the sum is beyond it.</returns>
    public static DateTimeOffset After(DateTimeOffset timestamp, TimeSpan interval)
    {
        var ticks = timestamp.UtcTicks;
        var add = Math.Max(0, interval.Ticks);
        return add > DateTimeOffset.MaxValue.UtcTicks - ticks
            ? DateTimeOffset.MaxValue
            : new DateTimeOffset(ticks + add, TimeSpan.Zero);
    }
}
