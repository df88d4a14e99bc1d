using DistillGuard.Core.Sketches;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class MinHashSignatureTests
{
    private const int HashCount = 256;

    // Hoeffding: P[|Ĵ - J| ≥ ε] ≤ 2·exp(-2kε²); ε for a one-in-a-million failure at k = 256 is about 0.168.
    private static readonly double Tolerance = Math.Sqrt(Math.Log(2 / 1e-6) / (2 * HashCount));

    [Property(MaxTest = 60)]
    public void EstimateJaccard_SetsOfKnownSimilarity_IsWithinHoeffdingBound(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var shared = random.Next(0, 1_000);
        var onlyFirst = random.Next(0, 1_000);
        var onlySecond = random.Next(shared + onlyFirst == 0 ? 1 : 0, 1_000);
        var first = new MinHashSignature(HashCount, seed.Item);
        var second = new MinHashSignature(HashCount, seed.Item);
        for (var i = 0; i < shared; i++)
        {
            first.Add(SketchTestData.Item(seed.Item, i));
            second.Add(SketchTestData.Item(seed.Item, i));
        }

        for (var i = 0; i < onlyFirst; i++)
        {
            first.Add(SketchTestData.Item(seed.Item, shared + i));
        }

        for (var i = 0; i < onlySecond; i++)
        {
            second.Add(SketchTestData.Item(seed.Item, shared + onlyFirst + i));
        }

        var truth = (double)shared / (shared + onlyFirst + onlySecond);
        var estimate = first.EstimateJaccard(second);

        Assert.True(
            Math.Abs(estimate - truth) <= Tolerance,
            $"|A∩B| = {shared}, |A\\B| = {onlyFirst}, |B\\A| = {onlySecond}: estimate {estimate:F3} against J = {truth:F3}.");
    }

    [Property(MaxTest = 40)]
    public void Merge_TwoSets_EqualsSignatureOfUnion(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var hashCount = random.Next(1, 200);
        var first = new MinHashSignature(hashCount, seed.Item);
        var second = new MinHashSignature(hashCount, seed.Item);
        var union = new MinHashSignature(hashCount, seed.Item);
        var firstSize = random.Next(0, 500);
        var secondSize = random.Next(0, 500);
        for (var i = 0; i < firstSize; i++)
        {
            first.Add(SketchTestData.Item(seed.Item, i));
            union.Add(SketchTestData.Item(seed.Item, i));
        }

        for (var i = 0; i < secondSize; i++)
        {
            second.Add(SketchTestData.Item(seed.Item, 300 + i));
            union.Add(SketchTestData.Item(seed.Item, 300 + i));
        }

        first.Merge(second);

        Assert.Equal(union.Minima.ToArray(), first.Minima.ToArray());
    }

    [Property(MaxTest = 30)]
    public void WriteTo_ThenReadFrom_RoundTrips(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var signature = new MinHashSignature(random.Next(1, 300), seed.Item);
        var size = random.Next(0, 300);
        for (var i = 0; i < size; i++)
        {
            signature.Add(SketchTestData.Item(seed.Item, i));
        }

        var bytes = Bytes(signature);
        var fromSpan = MinHashSignature.ReadFrom(bytes, out var bytesRead);
        var fromReader = SketchTestData.ThroughStream(signature.WriteTo, MinHashSignature.ReadFrom);

        Assert.Equal(bytes.Length, bytesRead);
        Assert.Equal(bytes, Bytes(fromSpan));
        Assert.Equal(bytes, Bytes(fromReader));
        Assert.Equal(signature.Seed, fromReader.Seed);
        Assert.Equal(signature.IsEmpty ? 0 : 1, signature.EstimateJaccard(fromReader));
    }

    [Fact]
    public void EstimateJaccard_SameItemsInAnotherOrder_IsOne()
    {
        var first = new MinHashSignature();
        var second = new MinHashSignature();

        for (var i = 0; i < 100; i++)
        {
            first.Add(SketchTestData.Item(1, i));
            second.Add(SketchTestData.Item(1, 99 - i));
        }

        Assert.Equal(1, first.EstimateJaccard(second));
    }

    [Fact]
    public void EstimateJaccard_EmptySignature_IsZero()
    {
        var empty = new MinHashSignature();
        var other = new MinHashSignature();
        other.Add(42);

        Assert.Equal(0, empty.EstimateJaccard(other));
        Assert.Equal(0, empty.EstimateJaccard(new MinHashSignature()));
    }

    [Fact]
    public void EstimateJaccard_DifferentSeed_Throws()
    {
        var signature = new MinHashSignature(seed: 1);

        Assert.Throws<ArgumentException>(() => signature.EstimateJaccard(new MinHashSignature(seed: 2)));
    }

    [Fact]
    public void TryGetBandKeys_IdenticalSets_GiveIdenticalKeysDistinctPerBand()
    {
        var first = new MinHashSignature();
        var second = new MinHashSignature();
        for (var i = 0; i < 50; i++)
        {
            first.Add(SketchTestData.Item(2, i));
            second.Add(SketchTestData.Item(2, i));
        }

        var firstKeys = new ulong[16];
        var secondKeys = new ulong[16];

        Assert.True(first.TryGetBandKeys(16, 4, firstKeys));
        Assert.True(second.TryGetBandKeys(16, 4, secondKeys));
        Assert.Equal(firstKeys, secondKeys);
        Assert.Equal(16, firstKeys.Distinct().Count());
    }

    [Fact]
    public void TryGetBandKeys_DisjointSets_ShareNoKey()
    {
        var first = new MinHashSignature();
        var second = new MinHashSignature();
        for (var i = 0; i < 50; i++)
        {
            first.Add(SketchTestData.Item(2, i));
            second.Add(SketchTestData.Item(2, 1_000 + i));
        }

        var firstKeys = new ulong[16];
        var secondKeys = new ulong[16];
        first.TryGetBandKeys(16, 4, firstKeys);
        second.TryGetBandKeys(16, 4, secondKeys);

        Assert.Empty(firstKeys.Intersect(secondKeys));
    }

    [Fact]
    public void TryGetBandKeys_Empty_ReturnsFalse()
    {
        var keys = new ulong[4];

        Assert.False(new MinHashSignature().TryGetBandKeys(4, 4, keys));
        Assert.All(keys, key => Assert.Equal(0UL, key));
    }

    [Fact]
    public void TryGetBandKeys_MoreRowsThanMinima_Throws()
    {
        var signature = new MinHashSignature(16);

        Assert.Throws<ArgumentException>(() => signature.TryGetBandKeys(5, 4, new ulong[5]));
    }

    [Theory]
    [InlineData(0.0, 16, 4, 0.0)]
    [InlineData(1.0, 16, 4, 1.0)]
    [InlineData(0.5, 1, 1, 0.5)]
    [InlineData(0.5, 2, 2, 0.4375)]
    public void CandidateProbability_KnownValues(double jaccard, int bands, int rows, double expected) =>
        Assert.Equal(expected, MinHashSignature.CandidateProbability(jaccard, bands, rows), 12);

    [Fact]
    public void MemoryFootprint_DefaultSize_MatchesAllocatedBytes()
    {
        var signature = new MinHashSignature();

        var allocated = SketchTestData.FootprintOf(() => new MinHashSignature());

        Assert.Equal(allocated, signature.MemoryFootprint);
        Assert.Equal(312, signature.MemoryFootprint);
    }

    [Fact]
    public void Add_ManyItems_AllocatesNothing()
    {
        var signature = new MinHashSignature();

        var allocated = SketchTestData.AllocatedBytes(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                signature.Add(SketchTestData.Item(4, i));
            }
        });

        Assert.Equal(0, allocated);
    }

    private static byte[] Bytes(MinHashSignature signature) => SketchTestData.Serialize(signature.WriteTo, signature.SerializedSize);
}
