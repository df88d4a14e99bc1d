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
            sequencer.Push(e, FeatureExtractor.Extract(e), (x, _) => released.Add(x.Timestamp));
        }

        sequencer.Flush((x, _) => released.Add(x.Timestamp));

        Assert.Equal(offsets.Order().Select(m => Start.AddMinutes(m)), released);
        Assert.Equal(0, sequencer.Late);
    }

    [Fact]
    public void Push_DuplicateId_IsDroppedAndCounted()
    {
        var sequencer = new ExchangeSequencer();
        var e = Make("a", "hello", Start);
        var count = 0;

        Assert.True(sequencer.Push(e, FeatureExtractor.Extract(e), (_, _) => count++));
        Assert.False(sequencer.Push(e with { }, FeatureExtractor.Extract(e), (_, _) => count++));
        sequencer.Flush((_, _) => count++);

        Assert.Equal(1, count);
        Assert.Equal(1, sequencer.Duplicates);
    }

    [Fact]
    public void Push_FarOutOfOrder_IsCountedLateAndStillReleased()
    {
        var sequencer = new ExchangeSequencer();
        var released = 0;
        foreach (var m in new[] { 0, 30, 60 })
        {
            var e = Make("a", "hello", Start.AddMinutes(m));
            sequencer.Push(e, FeatureExtractor.Extract(e), (_, _) => released++);
        }

        var late = Make("a", "late", Start.AddMinutes(1));
        sequencer.Push(late, FeatureExtractor.Extract(late), (_, _) => released++);
        sequencer.Flush((_, _) => released++);

        Assert.Equal(1, sequencer.Late);
        Assert.Equal(4, released);
    }
}
