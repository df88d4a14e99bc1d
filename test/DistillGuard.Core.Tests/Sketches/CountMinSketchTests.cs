using DistillGuard.Core.Sketches;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class CountMinSketchTests
{
    [Property(MaxTest = 60)]
    public void Estimate_SkewedStream_NeverUnderestimatesAndRarelyExceedsEpsilonN(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var sketch = new CountMinSketch(random.Next(16, 129), random.Next(2, 6), seed.Item);
        var stream = SketchTestData.ZipfStream(random, random.Next(1, 4_000), random.Next(50, 1_000), 0.5 + random.NextDouble(), maxWeight: 4);

        foreach (var (key, weight) in stream)
        {
            sketch.Add(key, (uint)weight);
        }

        AssertGuarantees(sketch, SketchTestData.Exact(stream));
    }

    [Property(MaxTest = 40)]
    public void Merge_SketchesOfParts_KeepsGuaranteesForWholeStream(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var width = random.Next(16, 129);
        var depth = random.Next(2, 6);
        var merged = new CountMinSketch(width, depth, seed.Item);
        var whole = new List<(ulong Key, long Weight)>();

        for (var part = random.Next(2, 5); part > 0; part--)
        {
            var stream = SketchTestData.ZipfStream(random, random.Next(0, 2_000), random.Next(50, 500), 0.5 + random.NextDouble(), maxWeight: 4);
            var sketch = new CountMinSketch(width, depth, seed.Item);
            foreach (var (key, weight) in stream)
            {
                sketch.Add(key, (uint)weight);
            }

            merged.Merge(sketch);
            whole.AddRange(stream);
        }

        AssertGuarantees(merged, SketchTestData.Exact(whole));
    }

    [Property(MaxTest = 30)]
    public void WriteTo_ThenReadFrom_RoundTrips(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var sketch = new CountMinSketch(random.Next(1, 200), random.Next(1, CountMinSketch.MaxDepth + 1), seed.Item);
        foreach (var (key, weight) in SketchTestData.ZipfStream(random, random.Next(0, 500), 100, 1.0, maxWeight: 3))
        {
            sketch.Add(key, (uint)weight);
        }

        var bytes = Bytes(sketch);
        var fromSpan = CountMinSketch.ReadFrom(bytes, out var bytesRead);
        var fromReader = SketchTestData.ThroughStream(sketch.WriteTo, CountMinSketch.ReadFrom);

        Assert.Equal(bytes.Length, bytesRead);
        Assert.Equal(bytes, Bytes(fromSpan));
        Assert.Equal(bytes, Bytes(fromReader));
        Assert.Equal(sketch.Total, fromReader.Total);
        Assert.Equal(sketch.Estimate(0), fromReader.Estimate(0));
    }

    [Fact]
    public void Add_OneCounterPerRow_EstimatesEveryKeyAsTheTotal()
    {
        var sketch = new CountMinSketch(width: 1, depth: 2);

        sketch.Add(1, 5);
        sketch.Add(2, 3);

        // Every key shares every counter, so each estimate is the total: an upper bound, as for any key.
        Assert.Equal(8, sketch.Estimate(1));
        Assert.Equal(8, sketch.Estimate(3));
        Assert.Equal(8, sketch.Total);
    }

    [Fact]
    public void Add_SingleKey_IsExact()
    {
        var sketch = new CountMinSketch();

        for (var i = 0; i < 100; i++)
        {
            sketch.Add(77, 2);
        }

        Assert.Equal(200, sketch.Estimate(77));
    }

    [Fact]
    public void Add_BeyondCounterRange_Saturates()
    {
        var sketch = new CountMinSketch(width: 4, depth: 2);

        sketch.Add(1, uint.MaxValue);
        sketch.Add(1, 10);

        Assert.Equal(uint.MaxValue, sketch.Estimate(1));
        Assert.Equal((long)uint.MaxValue + 10, sketch.Total);
    }

    [Fact]
    public void EpsilonAndDelta_DefaultShape_FollowWidthAndDepth()
    {
        var sketch = new CountMinSketch();

        Assert.Equal(Math.E / 64, sketch.Epsilon, 12);
        Assert.Equal(Math.Exp(-4), sketch.Delta, 12);
    }

    [Fact]
    public void Merge_DifferentSeed_Throws()
    {
        var sketch = new CountMinSketch(seed: 1);

        Assert.Throws<ArgumentException>(() => sketch.Merge(new CountMinSketch(seed: 2)));
    }

    [Fact]
    public void ReadFrom_ShapeOutOfRange_ThrowsInvalidData()
    {
        var bytes = Bytes(new CountMinSketch(width: 2, depth: 1));
        bytes[6] = 0;

        Assert.Throws<InvalidDataException>(() => CountMinSketch.ReadFrom(bytes, out _));
    }

    [Fact]
    public void MemoryFootprint_DefaultShape_MatchesAllocatedBytes()
    {
        var sketch = new CountMinSketch();

        var allocated = SketchTestData.FootprintOf(() => new CountMinSketch());

        Assert.Equal(allocated, sketch.MemoryFootprint);
        Assert.Equal(1_096, sketch.MemoryFootprint);
    }

    [Fact]
    public void Add_ManyKeys_AllocatesNothing()
    {
        var sketch = new CountMinSketch();

        var allocated = SketchTestData.AllocatedBytes(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                sketch.Add((ulong)i);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static void AssertGuarantees(CountMinSketch sketch, Dictionary<ulong, long> exact)
    {
        var total = exact.Values.Sum();
        Assert.Equal(total, sketch.Total);
        var bound = sketch.Epsilon * total;
        var violations = 0;
        foreach (var (key, truth) in exact)
        {
            var estimate = sketch.Estimate(key);
            Assert.True(estimate >= truth, $"key {key}: estimate {estimate} below true {truth}.");
            if (estimate - truth > bound)
            {
                violations++;
            }
        }

        // Each key exceeds εN with probability at most δ; allow the binomial mean plus four standard deviations.
        var expected = sketch.Delta * exact.Count;
        Assert.True(
            violations <= expected + (4 * Math.Sqrt(expected)) + 1,
            $"{violations} of {exact.Count} keys exceed εN = {bound:F1}; δ allows about {expected:F1}.");
    }

    private static byte[] Bytes(CountMinSketch sketch) => SketchTestData.Serialize(sketch.WriteTo, sketch.SerializedSize);
}
