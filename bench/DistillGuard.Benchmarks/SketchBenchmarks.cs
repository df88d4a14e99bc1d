using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Benchmarks;

/// <summary>
/// The per-exchange update paths of the per-subject sketches at their default sizes, and their construction (whose
/// allocation, reported by <see cref="MemoryDiagnoserAttribute"/>, is each sketch's footprint). Each Add benchmark
/// processes <see cref="Batch"/> items and should allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class SketchBenchmarks
{
    private const int Batch = 1_024;

    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ulong[] _hashes = new ulong[Batch];
    private readonly ulong[] _skewedKeys = new ulong[Batch];
    private readonly string[] _prompts = new string[Batch];
    private HyperLogLog _hyperLogLog = null!;
    private SpaceSaving _spaceSaving = null!;
    private MinHashSignature _minHash = null!;
    private CountMinSketch _countMin = null!;
    private DecayedCounter _decayedCounter;
    private RunningStats _runningStats;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261101);
        for (var i = 0; i < Batch; i++)
        {
            _hashes[i] = (ulong)random.NextInt64();

            // A few heavy keys and a long tail, as prompt templates of one subject are.
            _skewedKeys[i] = (ulong)Math.Min(random.Next(1, 64), random.Next(1, 2_000));
            _prompts[i] = $"Solve the following problem step by step and show all of your reasoning: item {random.Next()}";
        }

        _hyperLogLog = new HyperLogLog();
        _spaceSaving = new SpaceSaving();
        _minHash = new MinHashSignature();
        _countMin = new CountMinSketch();
        _decayedCounter = new DecayedCounter(TimeSpan.FromMinutes(10));
        _runningStats = default;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public ulong HashPrompt()
    {
        var combined = 0UL;
        foreach (var prompt in _prompts)
        {
            combined ^= Hashing.Hash(prompt);
        }

        return combined;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void HyperLogLogAdd()
    {
        foreach (var hash in _hashes)
        {
            _hyperLogLog.Add(hash);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void SpaceSavingAdd()
    {
        foreach (var key in _skewedKeys)
        {
            _spaceSaving.Add(key);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void MinHashAdd()
    {
        foreach (var hash in _hashes)
        {
            _minHash.Add(hash);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void CountMinAdd()
    {
        foreach (var key in _skewedKeys)
        {
            _countMin.Add(key);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void DecayedCounterAdd()
    {
        for (var i = 0; i < Batch; i++)
        {
            _decayedCounter.Add(Start.AddSeconds(i));
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void RunningStatsAdd()
    {
        foreach (var hash in _hashes)
        {
            _runningStats.Add(hash & 0xFFFF);
        }
    }

    [Benchmark]
    public HyperLogLog CreateHyperLogLog() => new();

    [Benchmark]
    public SpaceSaving CreateSpaceSaving() => new();

    [Benchmark]
    public MinHashSignature CreateMinHash() => new();

    [Benchmark]
    public CountMinSketch CreateCountMin() => new();

    [Benchmark]
    public double HyperLogLogEstimate() => _hyperLogLog.Estimate();

    [Benchmark]
    public void SpaceSavingMerge()
    {
        var campaign = new SpaceSaving();
        campaign.Merge(_spaceSaving);
        campaign.Merge(_spaceSaving);
    }
}
