using System.Buffers;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;

namespace DistillGuard.Core.Tests.Engine;

public sealed class StreamTimeTests
{
    [Fact]
    public void Observe_ExchangeAtTheEndOfTime_EngineKeepsWorking()
    {
        // Arrange
        var engine = new DetectionEngine();
        var normal = TestExchanges.Make("acct_1", "What is the capital of France?", TestExchanges.Start);
        var poison = TestExchanges.Make("acct_2", "hi", new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero));

        // Act: the first exchange schedules a tick an hour after itself, the second ticks and schedules the next.
        engine.Observe(normal, FeatureExtractor.Extract(normal));
        engine.Observe(poison, FeatureExtractor.Extract(poison));
        engine.Observe(normal with { Id = "again" }, FeatureExtractor.Extract(normal));
        var findings = engine.GetFindings(new InputSummary { Lines = 3, Accepted = 3, Rejected = 0, Duplicates = 0 }, TestExchanges.Start);
        var checkpoint = new ArrayBufferWriter<byte>();
        engine.WriteCheckpoint(checkpoint);
        var restored = DetectionEngine.ReadCheckpoint(checkpoint.WrittenSpan);
        restored.Observe(poison, FeatureExtractor.Extract(poison));

        // Assert
        Assert.Equal(2, findings.Subjects.Count);
        Assert.Equal(4, restored.Observed);
    }

    [Fact]
    public void After_SumBeyondTheEndOfTime_Saturates()
    {
        var late = new DateTimeOffset(9999, 12, 31, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal(DateTimeOffset.MaxValue, StreamTime.After(late, TimeSpan.FromHours(2)));
        Assert.Equal(late.AddMinutes(30), StreamTime.After(late, TimeSpan.FromMinutes(30)));
    }
}
