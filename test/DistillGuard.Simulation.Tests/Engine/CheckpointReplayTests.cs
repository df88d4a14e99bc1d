using DistillGuard.Core.Engine;
using static DistillGuard.Simulation.Tests.Engine.CheckpointReplayFixture;

namespace DistillGuard.Simulation.Tests.Engine;

/// <summary>
/// A service checkpoints its engine, stops, restores and replays what came after: on simulated traffic, that must end
/// exactly where an engine that never stopped ends.
/// </summary>
public sealed class CheckpointReplayTests(CheckpointReplayFixture fixture) : IClassFixture<CheckpointReplayFixture>
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.9)]
    public void ReadCheckpoint_SimulatedTraffic_ContinuesToTheUninterruptedFindings(double split)
    {
        var cut = (int)(fixture.Traffic.Count * split);
        var first = Feed(new DetectionEngine(), fixture.Traffic.Take(cut));

        var restored = Feed(DetectionEngine.ReadCheckpoint(Checkpoint(first)), fixture.Traffic.Skip(cut));

        Assert.Equal(fixture.UninterruptedCheckpoint, Checkpoint(restored));
        Assert.Equal(fixture.UninterruptedFindings, FindingsJsonBytes(restored));
    }

    [Fact]
    public void ReadCheckpoint_MidCampaign_ContinuesToTheUninterruptedFindings()
    {
        var cut = fixture.Traffic.Count / 2;
        var first = Feed(new DetectionEngine(), fixture.Traffic.Take(cut));
        var checkpoint = Checkpoint(first);

        // Findings tick the campaigns, so they are asked of a copy: campaigns found by the cut go on sending after it.
        var tied = DetectionEngine.ReadCheckpoint(checkpoint).GetFindings(Input, GeneratedAt).Campaigns
            .SelectMany(c => c.Subjects)
            .Select(s => s.AccountId)
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(tied);
        Assert.Contains(fixture.Traffic.Skip(cut), t => tied.Contains(t.Exchange.AccountId));

        var restored = Feed(DetectionEngine.ReadCheckpoint(checkpoint), fixture.Traffic.Skip(cut));

        Assert.Equal(fixture.UninterruptedCheckpoint, Checkpoint(restored));
        Assert.Equal(fixture.UninterruptedFindings, FindingsJsonBytes(restored));
    }

    [Fact]
    public void WriteCheckpoint_OfARestoredSimulatedEngine_IsByteIdentical()
    {
        var checkpoint = Checkpoint(Feed(new DetectionEngine(), fixture.Traffic.Take(fixture.Traffic.Count / 2)));

        var again = Checkpoint(DetectionEngine.ReadCheckpoint(checkpoint));

        Assert.Equal(checkpoint, again);
    }
}
