using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DistillGuard.Ingest.Json;

namespace DistillGuard.Ingest;

/// <summary>
/// Decides, one exchange at a time and in input order, whether an exchange's timestamp is sane enough to observe: not
/// before <see cref="ExchangeReaderOptions.MinTimestamp"/>, and not more than
/// <see cref="ExchangeReaderOptions.MaxTimestampLead"/> after the latest timestamp accepted before it.
/// </summary>
/// <remarks>
/// <para>
/// Detection runs on the exchanges' own clock, so one exchange dated in the year 9999 would move that clock to the end
/// of time: every later exchange would count as late, campaigns would no longer be re-evaluated, and sums of a
/// timestamp and an interval would overflow. The window refuses such a line with a reason, as any other bad line.
/// </para>
/// <para>
/// The ceiling follows the input: it is the latest accepted timestamp (or the one the window started from) plus the
/// lead, so a stream may move forward at any pace but cannot jump more than the lead at once. A stream whose very
/// first exchange is far in the future is not caught by the lead (there is nothing before it); a service therefore
/// starts the window from the later of its latest journalled exchange and its own clock. Not thread-safe: one caller
/// feeds it in order, which is what makes its answers the same whatever the parallelism of parsing.
/// </para>
/// </remarks>
public sealed class TimestampWindow
{
    private readonly long _minTicks;
    private readonly TimeSpan _lead;
    private long _latestTicks;
    private long _ceilingTicks;

    /// <summary>Initializes a new instance of the <see cref="TimestampWindow"/> class.</summary>
    /// <param name="options">The bounds (<see cref="ExchangeReaderOptions.MinTimestamp"/>,
    /// <see cref="ExchangeReaderOptions.MaxTimestampLead"/>); defaults when <see langword="null"/>.</param>
    /// <param name="latestBefore">The latest timestamp accepted before the first exchange given to this window, or
    /// <see langword="null"/> for none (then the first exchange is bounded only by the minimum).</param>
    public TimestampWindow(ExchangeReaderOptions? options = null, DateTimeOffset? latestBefore = null)
    {
        options ??= new ExchangeReaderOptions();
        MinTimestamp = options.MinTimestamp;
        _minTicks = options.MinTimestamp.UtcTicks;
        _lead = options.MaxTimestampLead;
        _latestTicks = long.MinValue;
        _ceilingTicks = long.MaxValue;
        if (latestBefore is { } latest)
        {
            Advance(latest.UtcTicks);
        }
    }

    /// <summary>Gets the earliest timestamp accepted.</summary>
    public DateTimeOffset MinTimestamp { get; }

    /// <summary>Gets the latest timestamp accepted so far (or the one the window started from), or <see langword="null"/>.</summary>
    public DateTimeOffset? Latest => _latestTicks == long.MinValue ? null : new DateTimeOffset(_latestTicks, TimeSpan.Zero);

    /// <summary>Adds the sum of a timestamp's ticks and an interval, saturated to the range of <see cref="DateTimeOffset"/>.</summary>
    /// <param name="ticks">UTC ticks of a timestamp.</param>
    /// <param name="interval">A non-negative interval.</param>
    /// <returns>The ticks of the sum, or of <see cref="DateTimeOffset.MaxValue"/> if the sum is beyond it.</returns>
    internal static long SaturatingAdd(long ticks, TimeSpan interval) =>
        interval.Ticks > DateTimeOffset.MaxValue.UtcTicks - ticks ? DateTimeOffset.MaxValue.UtcTicks : ticks + interval.Ticks;

    /// <summary>Accepts <paramref name="timestamp"/> if it is in the window, and then moves the window's ceiling.</summary>
    /// <param name="timestamp">The exchange's timestamp.</param>
    /// <param name="reason">Why it is refused, when it is.</param>
    /// <returns><see langword="true"/> if accepted.</returns>
    public bool TryAccept(DateTimeOffset timestamp, [NotNullWhen(false)] out string? reason)
    {
        var ticks = timestamp.UtcTicks;
        if (ticks >= _minTicks && ticks <= _ceilingTicks)
        {
            if (ticks > _latestTicks)
            {
                Advance(ticks);
            }

            reason = null;
            return true;
        }

        reason = ticks < _minTicks
            ? $"ts {Format(timestamp)} is before {Format(MinTimestamp)}, the earliest timestamp accepted"
            : $"ts {Format(timestamp)} is more than {FormatLead(_lead)} after the latest accepted exchange ({Format(Latest!.Value)})";
        return false;
    }

    private static string Format(DateTimeOffset value) => Timestamps.FormatCompact(value);

    private static string FormatLead(TimeSpan lead) =>
        lead.Ticks % TimeSpan.TicksPerDay == 0 ? Plural(lead.Ticks / TimeSpan.TicksPerDay, "day")
        : lead.Ticks % TimeSpan.TicksPerHour == 0 ? Plural(lead.Ticks / TimeSpan.TicksPerHour, "hour")
        : lead.ToString("c", CultureInfo.InvariantCulture);

    private static string Plural(long count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? string.Empty : "s")}");

    private void Advance(long ticks)
    {
        _latestTicks = ticks;
        _ceilingTicks = SaturatingAdd(ticks, _lead);
    }
}
