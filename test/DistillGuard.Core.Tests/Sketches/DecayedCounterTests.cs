using DistillGuard.Core.Sketches;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class DecayedCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ValueAt_OneHalfLifeLater_IsHalf()
    {
        var counter = new DecayedCounter(TimeSpan.FromMinutes(10));

        counter.Add(Start, 8);

        Assert.Equal(8, counter.ValueAt(Start), 12);
        Assert.Equal(4, counter.ValueAt(Start.AddMinutes(10)), 12);
        Assert.Equal(1, counter.ValueAt(Start.AddMinutes(30)), 12);
    }

    [Fact]
    public void ValueAt_BeforeLatestAddition_IsValueAtThatAddition()
    {
        var counter = new DecayedCounter(TimeSpan.FromMinutes(1));
        counter.Add(Start.AddMinutes(5));

        Assert.Equal(1, counter.ValueAt(Start), 12);
    }

    [Fact]
    public void Add_TimestampsInOtherTimeZones_UseTheSameInstant()
    {
        var utc = new DecayedCounter(TimeSpan.FromHours(1));
        var local = new DecayedCounter(TimeSpan.FromHours(1));

        utc.Add(Start);
        local.Add(Start.ToOffset(TimeSpan.FromHours(9)));

        Assert.Equal(utc, local);
    }

    [Fact]
    public void RatePerSecondAt_SteadyStream_ApproachesTheRate()
    {
        var counter = new DecayedCounter(TimeSpan.FromMinutes(5));

        // Two events a second for an hour, twelve half-lives.
        for (var i = 0; i < 7_200; i++)
        {
            counter.Add(Start.AddMilliseconds(500 * i));
        }

        Assert.Equal(2, counter.RatePerSecondAt(Start.AddMilliseconds(500 * 7_199)), 0.01);
    }

    [Property(MaxTest = 60)]
    public void Add_ShuffledOrder_EqualsTimeOrder(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var events = RandomEvents(random);
        var ordered = new DecayedCounter(TimeSpan.FromMinutes(30));
        var shuffled = new DecayedCounter(TimeSpan.FromMinutes(30));

        foreach (var (time, weight) in events.OrderBy(item => item.Time))
        {
            ordered.Add(time, weight);
        }

        random.Shuffle(events);
        foreach (var (time, weight) in events)
        {
            shuffled.Add(time, weight);
        }

        var end = Start.AddDays(2);
        SketchTestData.AssertClose(ordered.ValueAt(end), shuffled.ValueAt(end));
    }

    [Property(MaxTest = 60)]
    public void Merge_CountersOfParts_EqualsCounterOfWholeStream(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var events = RandomEvents(random);
        var whole = new DecayedCounter(TimeSpan.FromHours(2));
        var first = new DecayedCounter(TimeSpan.FromHours(2));
        var second = new DecayedCounter(TimeSpan.FromHours(2));

        foreach (var (time, weight) in events)
        {
            whole.Add(time, weight);
            if (random.Next(2) == 0)
            {
                first.Add(time, weight);
            }
            else
            {
                second.Add(time, weight);
            }
        }

        first.Merge(second);

        var end = Start.AddDays(2);
        SketchTestData.AssertClose(whole.ValueAt(end), first.ValueAt(end));
    }

    [Property(MaxTest = 30)]
    public void WriteTo_ThenReadFrom_RoundTrips(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var counter = new DecayedCounter(TimeSpan.FromSeconds(random.Next(1, 100_000)));
        foreach (var (time, weight) in RandomEvents(random))
        {
            counter.Add(time, weight);
        }

        var bytes = new byte[counter.SerializedSize];
        counter.WriteTo(bytes);
        var fromReader = SketchTestData.ThroughStream(counter.WriteTo, DecayedCounter.ReadFrom);

        Assert.Equal(counter, DecayedCounter.ReadFrom(bytes, out var bytesRead));
        Assert.Equal(bytes.Length, bytesRead);
        Assert.Equal(counter, fromReader);
    }

    [Fact]
    public void Add_Default_ThrowsInvalidOperation()
    {
        var counter = default(DecayedCounter);

        Assert.Throws<InvalidOperationException>(() => counter.Add(Start));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Add_InvalidWeight_Throws(double weight)
    {
        var counter = new DecayedCounter(TimeSpan.FromMinutes(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Add(Start, weight));
    }

    [Fact]
    public void Merge_DifferentHalfLife_Throws()
    {
        var counter = new DecayedCounter(TimeSpan.FromMinutes(1));

        Assert.Throws<ArgumentException>(() => counter.Merge(new DecayedCounter(TimeSpan.FromMinutes(2))));
    }

    [Fact]
    public void ReadFrom_NonPositiveHalfLife_ThrowsInvalidData()
    {
        var counter = new DecayedCounter(TimeSpan.FromMinutes(1));
        var bytes = new byte[counter.SerializedSize];
        counter.WriteTo(bytes);
        bytes.AsSpan(2, 8).Clear();

        Assert.Throws<InvalidDataException>(() => DecayedCounter.ReadFrom(bytes, out _));
    }

    [Fact]
    public void Size_IsTwentyFourBytes() =>
        Assert.Equal(24, System.Runtime.CompilerServices.Unsafe.SizeOf<DecayedCounter>());

    private static (DateTimeOffset Time, double Weight)[] RandomEvents(Random random)
    {
        var events = new (DateTimeOffset, double)[random.Next(0, 300)];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = (Start.AddSeconds(random.Next(0, 86_400)), random.Next(1, 10) / 2.0);
        }

        return events;
    }
}
