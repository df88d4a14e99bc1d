using System.Buffers.Binary;
using DistillGuard.Core.Sketches;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class SpaceSavingTests
{
    [Property(MaxTest = 60)]
    public void Add_SkewedWeightedStream_KeepsSpaceSavingGuarantees(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var capacity = random.Next(4, 33);
        var stream = SketchTestData.ZipfStream(random, random.Next(0, 3_000), random.Next(1, 400), 0.6 + random.NextDouble(), maxWeight: 5);
        var summary = new SpaceSaving(capacity);

        foreach (var (key, weight) in stream)
        {
            summary.Add(key, weight);
        }

        AssertGuarantees(summary, SketchTestData.Exact(stream));
    }

    [Property(MaxTest = 60)]
    public void Merge_SummariesOfParts_KeepsGuaranteesForWholeStream(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var capacity = random.Next(4, 33);
        var parts = random.Next(2, 6);
        var merged = new SpaceSaving(capacity);
        var whole = new List<(ulong Key, long Weight)>();

        for (var part = 0; part < parts; part++)
        {
            // Parts favour different keys, as members of one campaign do.
            var stream = SketchTestData.ZipfStream(random, random.Next(0, 1_500), random.Next(1, 300), 0.6 + random.NextDouble(), maxWeight: 5)
                .Select(item => (item.Key ^ (ulong)random.Next(0, 3), item.Weight))
                .ToArray();
            var summary = new SpaceSaving(capacity);
            foreach (var (key, weight) in stream)
            {
                summary.Add(key, weight);
            }

            merged.Merge(summary);
            whole.AddRange(stream);
        }

        AssertGuarantees(merged, SketchTestData.Exact(whole));
    }

    [Property(MaxTest = 200)]
    public void Merge_RandomSummaries_EqualsReferenceMergeExactly(DoNotSize<int> seed)
    {
        // Few keys and small weights, so that counts tie and the order by key decides; a summary that has been merged
        // before holds its entries sorted, one only added to holds them in arrival order.
        var random = new Random(seed.Item);
        var capacity = random.Next(4) == 0 ? random.Next(1, 80) : random.Next(1, 17);
        var merged = RandomSummary(random, capacity);
        for (var round = random.Next(1, 5); round > 0; round--)
        {
            var other = RandomSummary(random, capacity);
            var expected = ReferenceMerge(Bytes(merged), Bytes(other));

            merged.Merge(other);

            Assert.Equal(expected, Bytes(merged));
        }
    }

    [Property(MaxTest = 100)]
    public void CopyTopTo_AnyLength_EqualsEntriesSortedByCountThenKey(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var summary = RandomSummary(random, random.Next(1, 40));
        if (random.Next(2) == 0)
        {
            summary.Merge(RandomSummary(random, summary.Capacity));
        }

        var sorted = Entries(Bytes(summary)).Entries.OrderByDescending(e => e.Count).ThenBy(e => e.Key).ToArray();
        for (var length = 0; length <= sorted.Length + 1; length++)
        {
            var top = new SpaceSavingEntry[length];

            var written = summary.CopyTopTo(top);

            Assert.Equal(Math.Min(length, sorted.Length), written);
            Assert.Equal(sorted.Take(written), top.Take(written));
        }
    }

    [Property(MaxTest = 30)]
    public void WriteTo_ThenReadFrom_RoundTrips(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var summary = new SpaceSaving(random.Next(1, 40));
        foreach (var (key, weight) in SketchTestData.ZipfStream(random, random.Next(0, 500), 100, 1.1, maxWeight: 3))
        {
            summary.Add(key, weight);
        }

        var bytes = Bytes(summary);
        var fromSpan = SpaceSaving.ReadFrom(bytes, out var bytesRead);
        var fromReader = SketchTestData.ThroughStream(summary.WriteTo, SpaceSaving.ReadFrom);

        Assert.Equal(bytes.Length, bytesRead);
        Assert.Equal(bytes, Bytes(fromSpan));
        Assert.Equal(bytes, Bytes(fromReader));
        Assert.Equal(summary.GetTop(), fromReader.GetTop());
        Assert.Equal(summary.Total, fromReader.Total);
        Assert.Equal(summary.Capacity, fromReader.Capacity);
    }

    [Fact]
    public void Add_FewerKeysThanCapacity_CountsExactly()
    {
        var summary = new SpaceSaving(4);

        summary.Add(1, 3);
        summary.Add(2);
        summary.Add(1);

        Assert.Equal(0, summary.MinCount);
        Assert.Equal([new SpaceSavingEntry(1, 4, 0), new SpaceSavingEntry(2, 1, 0)], summary.GetTop());
        Assert.Equal(5, summary.Total);
    }

    [Fact]
    public void Add_NewKeyWhenFull_ReplacesMinimumAndInheritsItsCount()
    {
        var summary = new SpaceSaving(2);
        summary.Add(1, 5);
        summary.Add(2, 2);

        summary.Add(3);

        Assert.False(summary.TryGetEntry(2, out _));
        Assert.True(summary.TryGetEntry(3, out var entry));
        Assert.Equal(new SpaceSavingEntry(3, 3, 2), entry);
        Assert.Equal(1, entry.GuaranteedCount);
        Assert.Equal(3, summary.MinCount);
    }

    [Fact]
    public void Merge_KeyMissingFromFullSummary_AddsThatSummarysMinimumToCountAndError()
    {
        var left = new SpaceSaving(2);
        left.Add(1, 10);
        left.Add(2, 4);
        var right = new SpaceSaving(2);
        right.Add(3, 6);
        right.Add(1, 1);

        left.Merge(right);

        Assert.Equal([new SpaceSavingEntry(1, 11, 0), new SpaceSavingEntry(3, 10, 4)], left.GetTop());
        Assert.Equal(21, left.Total);
    }

    [Fact]
    public void CopyTopTo_ShortDestination_WritesLargestFirst()
    {
        var summary = new SpaceSaving(8);
        summary.Add(5, 1);
        summary.Add(6, 9);
        summary.Add(7, 4);
        Span<SpaceSavingEntry> top = stackalloc SpaceSavingEntry[2];

        var written = summary.CopyTopTo(top);

        Assert.Equal(2, written);
        Assert.Equal(6UL, top[0].Key);
        Assert.Equal(7UL, top[1].Key);
    }

    [Fact]
    public void Add_NonPositiveWeight_Throws()
    {
        var summary = new SpaceSaving();

        Assert.Throws<ArgumentOutOfRangeException>(() => summary.Add(1, 0));
    }

    [Fact]
    public void Merge_DifferentCapacity_Throws()
    {
        var summary = new SpaceSaving(8);

        Assert.Throws<ArgumentException>(() => summary.Merge(new SpaceSaving(16)));
    }

    [Fact]
    public void ReadFrom_DuplicateKey_ThrowsInvalidData()
    {
        var summary = new SpaceSaving(4);
        summary.Add(1);
        summary.Add(2);
        var bytes = Bytes(summary);
        bytes.AsSpan(14, 8).CopyTo(bytes.AsSpan(38, 8));

        Assert.Throws<InvalidDataException>(() => SpaceSaving.ReadFrom(bytes, out _));
    }

    [Fact]
    public void ReadFrom_ErrorNotBelowCount_ThrowsInvalidData()
    {
        var summary = new SpaceSaving(4);
        summary.Add(1, 2);
        var bytes = Bytes(summary);
        bytes[30] = 2;

        Assert.Throws<InvalidDataException>(() => SpaceSaving.ReadFrom(bytes, out _));
    }

    [Fact]
    public void MemoryFootprint_DefaultCapacity_MatchesAllocatedBytes()
    {
        var summary = new SpaceSaving();

        var allocated = SketchTestData.FootprintOf(() => new SpaceSaving());

        Assert.Equal(allocated, summary.MemoryFootprint);
        Assert.Equal(448, summary.MemoryFootprint);
    }

    [Fact]
    public void Add_ManyKeys_AllocatesNothing()
    {
        var summary = new SpaceSaving();

        var allocated = SketchTestData.AllocatedBytes(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                summary.Add((ulong)(i % 40));
            }
        });

        Assert.Equal(0, allocated);
    }

    private static void AssertGuarantees(SpaceSaving summary, Dictionary<ulong, long> exact)
    {
        var total = exact.Values.Sum();
        Assert.Equal(total, summary.Total);
        Assert.True(summary.MinCount * summary.Capacity <= total, $"c_min {summary.MinCount} exceeds N/k = {total}/{summary.Capacity}.");

        var top = summary.GetTop();
        Assert.True(top.Count <= summary.Capacity);
        foreach (var entry in top)
        {
            var truth = exact.GetValueOrDefault(entry.Key);
            Assert.True(entry.Count >= truth, $"key {entry.Key}: estimate {entry.Count} below true {truth}.");
            Assert.True(entry.Count - entry.Error <= truth, $"key {entry.Key}: estimate {entry.Count} - error {entry.Error} above true {truth}.");
            Assert.True(entry.Error <= summary.MinCount, $"key {entry.Key}: error {entry.Error} above c_min {summary.MinCount}.");
            Assert.True(entry.Error * summary.Capacity <= total, $"key {entry.Key}: error {entry.Error} above N/k = {total}/{summary.Capacity}.");
        }

        foreach (var (key, truth) in exact)
        {
            if (truth * summary.Capacity > total)
            {
                Assert.True(summary.TryGetEntry(key, out _), $"key {key} with {truth} > N/k = {total}/{summary.Capacity} is not reported.");
            }

            if (!summary.TryGetEntry(key, out _))
            {
                Assert.True(truth <= summary.MinCount, $"unmonitored key {key} has {truth} > c_min {summary.MinCount}.");
            }
        }

        for (var i = 1; i < top.Count; i++)
        {
            Assert.True(top[i - 1].Count >= top[i].Count);
        }
    }

    private static SpaceSaving RandomSummary(Random random, int capacity)
    {
        var summary = new SpaceSaving(capacity);
        var universe = random.Next(1, (3 * capacity) + 2);
        for (var i = random.Next(0, 10 * capacity); i > 0; i--)
        {
            summary.Add((ulong)random.Next(universe) * 0x9E3779B97F4A7C15UL, random.Next(1, 4));
        }

        return summary;
    }

    // The serialized form: capacity, the entries in the summary's own order, and the total.
    private static (int Capacity, List<SpaceSavingEntry> Entries, long Total) Entries(byte[] bytes)
    {
        var capacity = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4));
        var total = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(6));
        var entries = new List<SpaceSavingEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = bytes.AsSpan(14 + (24 * i));
            entries.Add(new SpaceSavingEntry(
                BinaryPrimitives.ReadUInt64LittleEndian(entry),
                BinaryPrimitives.ReadInt64LittleEndian(entry[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(entry[16..])));
        }

        return (capacity, entries, total);
    }

    // Merge as it was before the insertion sort, on serialized summaries: the merged summary's serialized form.
    private static byte[] ReferenceMerge(byte[] ownBytes, byte[] otherBytes)
    {
        var (capacity, own, ownTotal) = Entries(ownBytes);
        var (_, other, otherTotal) = Entries(otherBytes);
        var ownFloor = own.Count < capacity ? 0 : own.Min(e => e.Count);
        var otherFloor = other.Count < capacity ? 0 : other.Min(e => e.Count);
        var combined = new List<SpaceSavingEntry>();
        foreach (var entry in own)
        {
            var match = other.FindIndex(e => e.Key == entry.Key);
            combined.Add(match >= 0
                ? new SpaceSavingEntry(entry.Key, entry.Count + other[match].Count, entry.Error + other[match].Error)
                : new SpaceSavingEntry(entry.Key, entry.Count + otherFloor, entry.Error + otherFloor));
        }

        foreach (var entry in other)
        {
            if (!own.Exists(e => e.Key == entry.Key))
            {
                combined.Add(new SpaceSavingEntry(entry.Key, entry.Count + ownFloor, entry.Error + ownFloor));
            }
        }

        var sorted = combined.ToArray();
        sorted.AsSpan().Sort((left, right) =>
        {
            var byCount = right.Count.CompareTo(left.Count);
            return byCount != 0 ? byCount : left.Key.CompareTo(right.Key);
        });

        var kept = sorted.AsSpan(0, Math.Min(sorted.Length, capacity));
        var bytes = new byte[14 + (24 * kept.Length)];
        ownBytes.AsSpan(0, 4).CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), (ushort)kept.Length);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(6), ownTotal + otherTotal);
        for (var i = 0; i < kept.Length; i++)
        {
            var entry = bytes.AsSpan(14 + (24 * i));
            BinaryPrimitives.WriteUInt64LittleEndian(entry, kept[i].Key);
            BinaryPrimitives.WriteInt64LittleEndian(entry[8..], kept[i].Count);
            BinaryPrimitives.WriteInt64LittleEndian(entry[16..], kept[i].Error);
        }

        return bytes;
    }

    private static byte[] Bytes(SpaceSaving summary) => SketchTestData.Serialize(summary.WriteTo, summary.SerializedSize);
}
