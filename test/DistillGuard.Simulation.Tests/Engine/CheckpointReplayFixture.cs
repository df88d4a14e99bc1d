using System.Buffers;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Findings;
using DistillGuard.Simulation.Tests.Simulator;

namespace DistillGuard.Simulation.Tests.Engine;

/// <summary>
/// The small simulation (seed 7) with each exchange's features, and what an engine that saw all of it without stopping
/// ends with: its checkpoint and its findings.
/// </summary>
public sealed class CheckpointReplayFixture
{
    public static readonly InputSummary Input = new() { Lines = 0, Accepted = 0, Rejected = 0, Duplicates = 0 };

    public static readonly DateTimeOffset GeneratedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lazy<SimulationRun> _run = new(() => SimulationRun.Execute(TestScenarios.Small(), SmallRunFixture.Seed, TestScenarios.Scale));
    private readonly Lazy<IReadOnlyList<(Exchange Exchange, ExchangeFeatures Features)>> _traffic;
    private readonly Lazy<(byte[] Checkpoint, byte[] Findings)> _uninterrupted;

    public CheckpointReplayFixture()
    {
        _traffic = new(() => [.. _run.Value.Exchanges.Select(e => (e, FeatureExtractor.Extract(e)))]);
        _uninterrupted = new(() =>
        {
            var engine = Feed(new DetectionEngine(), Traffic);

            // The checkpoint first: findings tick the campaigns.
            var checkpoint = Checkpoint(engine);
            return (checkpoint, FindingsJsonBytes(engine));
        });
    }

    internal SimulationRun Run => _run.Value;

    public IReadOnlyList<(Exchange Exchange, ExchangeFeatures Features)> Traffic => _traffic.Value;

    public byte[] UninterruptedCheckpoint => _uninterrupted.Value.Checkpoint;

    public byte[] UninterruptedFindings => _uninterrupted.Value.Findings;

    public static DetectionEngine Feed(DetectionEngine engine, IEnumerable<(Exchange Exchange, ExchangeFeatures Features)> traffic)
    {
        foreach (var (exchange, features) in traffic)
        {
            engine.Observe(exchange, features);
        }

        return engine;
    }

    public static byte[] Checkpoint(DetectionEngine engine)
    {
        var buffer = new ArrayBufferWriter<byte>();
        engine.WriteCheckpoint(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] FindingsJsonBytes(DetectionEngine engine)
    {
        using var stream = new MemoryStream();
        FindingsJson.Write(stream, engine.GetFindings(Input, GeneratedAt));
        return stream.ToArray();
    }
}
