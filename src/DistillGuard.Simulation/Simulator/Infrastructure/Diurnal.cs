namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>Hour-of-day activity profiles and sampling of timestamps from them in a subject's local time.</summary>
internal static class Diurnal
{
    /// <summary>Individual people: quiet at night, a morning ramp, an evening peak.</summary>
    public static readonly IReadOnlyList<double> Human =
    [
        0.35, 0.2, 0.1, 0.06, 0.05, 0.08, 0.2, 0.45, 0.8, 1.1, 1.3, 1.35,
        1.2, 1.25, 1.35, 1.3, 1.2, 1.15, 1.15, 1.3, 1.5, 1.55, 1.25, 0.75,
    ];

    /// <summary>Office work: business hours with a lunch dip.</summary>
    public static readonly IReadOnlyList<double> Office =
    [
        0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.03, 0.15, 0.6, 1.2, 1.5, 1.45,
        0.8, 1.1, 1.4, 1.4, 1.3, 0.9, 0.4, 0.15, 0.08, 0.05, 0.03, 0.02,
    ];

    /// <summary>Someone working long hours on a project: late morning to past midnight.</summary>
    public static readonly IReadOnlyList<double> LongHours =
    [
        0.3, 0.1, 0.02, 0.01, 0.01, 0.01, 0.02, 0.1, 0.5, 0.9, 1.1, 1.2,
        1.0, 1.1, 1.2, 1.2, 1.1, 1.0, 0.9, 1.0, 1.1, 1.1, 0.9, 0.6,
    ];

    /// <summary>School students: a little before school, most after school and in the evening, nothing late at night.</summary>
    public static readonly IReadOnlyList<double> Homework =
    [
        0.05, 0.01, 0.0, 0.0, 0.0, 0.0, 0.05, 0.25, 0.15, 0.1, 0.1, 0.15,
        0.25, 0.2, 0.3, 0.9, 1.3, 1.4, 1.2, 1.5, 1.7, 1.5, 0.9, 0.35,
    ];

    /// <summary>Samples a time inside the 24 hours from <paramref name="sliceStart"/>, weighted by <paramref name="profile"/> in local time.</summary>
    public static DateTimeOffset Sample(DateTimeOffset sliceStart, double utcOffsetHours, IReadOnlyList<double> profile, SimRandom random)
    {
        Span<double> weights = stackalloc double[24];
        var total = 0.0;
        for (var h = 0; h < 24; h++)
        {
            weights[h] = profile[LocalHour(sliceStart.AddHours(h), utcOffsetHours)];
            total += weights[h];
        }

        var target = random.NextDouble() * total;
        var bin = 23;
        for (var h = 0; h < 24; h++)
        {
            target -= weights[h];
            if (target < 0)
            {
                bin = h;
                break;
            }
        }

        return sliceStart.AddHours(bin + random.NextDouble());
    }

    public static int LocalHour(DateTimeOffset utc, double utcOffsetHours)
    {
        var local = utc.UtcDateTime.AddHours(utcOffsetHours);
        return local.Hour;
    }

    public static DayOfWeek LocalDayOfWeek(DateTimeOffset utc, double utcOffsetHours) =>
        utc.UtcDateTime.AddHours(utcOffsetHours + 12).DayOfWeek;

    public static bool IsWeekend(DateTimeOffset utc, double utcOffsetHours) =>
        LocalDayOfWeek(utc, utcOffsetHours) is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>Gets the start of the local working day (at <paramref name="localHour"/>) that falls inside the slice.</summary>
    public static DateTimeOffset LocalTimeInSlice(DateTimeOffset sliceStart, double utcOffsetHours, double localHour)
    {
        var utcHour = localHour - utcOffsetHours - sliceStart.UtcDateTime.TimeOfDay.TotalHours;
        utcHour = ((utcHour % 24) + 24) % 24;
        return sliceStart.AddHours(utcHour);
    }
}
