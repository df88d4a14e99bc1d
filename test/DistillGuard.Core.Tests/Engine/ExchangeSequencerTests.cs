using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using static DistillGuard.Core.Tests.TestExchanges;

namespace DistillGuard.Core.Tests.Engine;

public sealed class ExchangeSequencerTests
{
    [Fact]
    public void Push_SlightlyOutOfOrder_ReleasesInTimestampOrder()
    {
        var sequencer = new ExchangeSequencer();
        var released = new List<DateTimeOffset>();
        var offsets = new[] { 0, 2, 1, 4, 3, 10, 9, 20 };
        foreach (var m in offsets)
        {
            var e = Make("a", "hello", Start.AddMinutes(m));
            sequencer.Push(Observation(e), (in ExchangeObservation x) => released.Add(x.Timestamp));
        }

        sequencer.Flush((in ExchangeObservation x) => released.Add(x.Timestamp));

        Assert.Equal(offsets.Order().Select(m => Start.AddMinutes(m)), released);
        Assert.Equal(0, sequencer.Late);
    }

    [Fact]
    public void Push_DuplicateId_IsDroppedAndCounted()
    {
        var sequencer = new ExchangeSequencer();
        var e = Make("a", "hello", Start);
        var count = 0;

        Assert.True(sequencer.Push(Observation(e), (in ExchangeObservation _) => count++));
        Assert.False(sequencer.Push(Observation(e with { }), (in ExchangeObservation _) => count++));
        sequencer.Flush((in ExchangeObservation _) => count++);

        Assert.Equal(1, count);
        Assert.Equal(1, sequencer.Duplicates);
    }

    [Fact]
    public void Push_ZeroDuplicateWindow_RemembersNoIdAndReleasesARepeat()
    {
        // The service's journal drops repeated ids itself; its sequencer must not remember ids at all, or traffic whose
        // timestamps never pass the latest seen (old logs, a repeated day) would be remembered without end.
        var sequencer = new ExchangeSequencer(new DetectionOptions { DuplicateWindow = TimeSpan.Zero });
        var e = Make("a", "hello", Start);
        var count = 0;

        Assert.True(sequencer.Push(Observation(e), (in ExchangeObservation _) => count++));
        Assert.True(sequencer.Push(Observation(e with { }), (in ExchangeObservation _) => count++));
        sequencer.Flush((in ExchangeObservation _) => count++);

        Assert.Equal(2, count);
        Assert.Equal(0, sequencer.Duplicates);
    }

    [Fact]
    public void Push_FarOutOfOrder_IsCountedLateAndStillReleased()
    {
        var sequencer = new ExchangeSequencer();
        var released = 0;
        foreach (var m in new[] { 0, 30, 60 })
        {
            var e = Make("a", "hello", Start.AddMinutes(m));
            sequencer.Push(Observation(e), (in ExchangeObservation _) => released++);
        }

        var late = Make("a", "late", Start.AddMinutes(1));
        sequencer.Push(Observation(late), (in ExchangeObservation _) => released++);
        sequencer.Flush((in ExchangeObservation _) => released++);

        Assert.Equal(1, sequencer.Late);
        Assert.Equal(4, released);
    }

    [Fact]
    public void Push_FeaturesWithoutIdHash_DropsDuplicatesByTheExchangeId()
    {
        var sequencer = new ExchangeSequencer();
        var e = Make("a", "hello", Start);
        var other = Make("a", "hello", Start.AddSeconds(1));

        Assert.True(sequencer.Push(ExchangeObservation.Of(e, default), (in ExchangeObservation _) => { }));
        Assert.False(sequencer.Push(ExchangeObservation.Of(e with { }, default), (in ExchangeObservation _) => { }));
        Assert.True(sequencer.Push(ExchangeObservation.Of(other, default), (in ExchangeObservation _) => { }));

        Assert.Equal(1, sequencer.Duplicates);
        Assert.NotEqual(e.Id, other.Id);
    }

    [Fact]
    public void Push_ManyInOrderAcrossTheWindow_ReleasesEachOnceInOrder()
    {
        // Arrange: one exchange a second for 20 minutes, so that hundreds wait at once (the queue grows) while the
        // oldest leave (its head wraps around); a few arrive a little out of order.
        var sequencer = new ExchangeSequencer();
        var released = new List<DateTimeOffset>();
        var seconds = Enumerable.Range(0, 1200).Select(i => i % 97 == 5 ? i - 3 : i).ToList();

        // Act
        for (var i = 0; i < seconds.Count; i++)
        {
            var e = Make("a", "hello", Start.AddSeconds(seconds[i])) with { Id = "ex_" + i };
            sequencer.Push(Observation(e), (in ExchangeObservation x) => released.Add(x.Timestamp));
        }

        var beforeFlush = released.Count;
        sequencer.Flush((in ExchangeObservation x) => released.Add(x.Timestamp));

        // Assert
        Assert.InRange(beforeFlush, 800, 1000);
        Assert.Equal(seconds.Order().Select(s => Start.AddSeconds(s)), released);
        Assert.Equal(0, sequencer.Late);
        Assert.Equal(1200, sequencer.Accepted);
    }

    private static ExchangeObservation Observation(Exchange e) => ExchangeObservation.Of(e, FeatureExtractor.Extract(e));
}
