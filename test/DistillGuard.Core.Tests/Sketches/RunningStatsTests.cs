using DistillGuard.Core.Sketches;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class RunningStatsTests
{
    [Property(MaxTest = 100)]
    public void Merge_SplitSequence_EqualsAddingSequentially(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var values = RandomValues(random);
        var sequential = default(RunningStats);
        var parts = new RunningStats[random.Next(1, 6)];

        foreach (var value in values)
        {
            sequential.Add(value);
            parts[random.Next(parts.Length)].Add(value);
        }

        var merged = default(RunningStats);
        foreach (var part in parts)
        {
            merged.Merge(part);
        }

        Assert.Equal(sequential.Count, merged.Count);
        Assert.Equal(sequential.Min, merged.Min);
        Assert.Equal(sequential.Max, merged.Max);
        SketchTestData.AssertClose(sequential.Mean, merged.Mean);
        SketchTestData.AssertClose(sequential.Variance, merged.Variance);
    }

    [Property(MaxTest = 100)]
    public void Add_Values_MatchTwoPassStatistics(DoNotSize<int> seed)
    {
        var values = RandomValues(new Random(seed.Item));
        var stats = default(RunningStats);

        foreach (var value in values)
        {
            stats.Add(value);
        }

        var mean = values.Length == 0 ? 0 : values.Average();
        var variance = values.Length == 0 ? 0 : values.Sum(value => (value - mean) * (value - mean)) / values.Length;
        Assert.Equal(values.Length, stats.Count);
        SketchTestData.AssertClose(mean, stats.Mean);
        SketchTestData.AssertClose(variance, stats.Variance);
        Assert.Equal(values.Length == 0 ? 0 : values.Min(), stats.Min);
        Assert.Equal(values.Length == 0 ? 0 : values.Max(), stats.Max);
    }

    [Property(MaxTest = 30)]
    public void WriteTo_ThenReadFrom_RoundTrips(DoNotSize<int> seed)
    {
        var stats = default(RunningStats);
        foreach (var value in RandomValues(new Random(seed.Item)))
        {
            stats.Add(value);
        }

        var bytes = new byte[stats.SerializedSize];
        stats.WriteTo(bytes);
        var fromReader = SketchTestData.ThroughStream(stats.WriteTo, RunningStats.ReadFrom);

        Assert.Equal(stats, RunningStats.ReadFrom(bytes, out var bytesRead));
        Assert.Equal(bytes.Length, bytesRead);
        Assert.Equal(stats, fromReader);
    }

    [Fact]
    public void Statistics_Empty_AreZero()
    {
        var stats = default(RunningStats);

        Assert.Equal(0, stats.Count);
        Assert.Equal(0, stats.Mean);
        Assert.Equal(0, stats.Variance);
        Assert.Equal(0, stats.SampleVariance);
        Assert.Equal(0, stats.Min);
        Assert.Equal(0, stats.Max);
    }

    [Fact]
    public void Add_LargeOffset_KeepsVarianceAccurate()
    {
        var stats = default(RunningStats);

        // The textbook Σx² - (Σx)²/n loses every digit here; Welford does not.
        foreach (var value in new[] { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 })
        {
            stats.Add(value);
        }

        Assert.Equal(22.5, stats.Variance, 6);
        Assert.Equal(30, stats.SampleVariance, 6);
        Assert.Equal(Math.Sqrt(22.5), stats.StandardDeviation, 6);
    }

    [Fact]
    public void Add_NonFinite_Throws()
    {
        var stats = default(RunningStats);

        Assert.Throws<ArgumentOutOfRangeException>(() => stats.Add(double.NaN));
    }

    [Fact]
    public void ReadFrom_NegativeM2_ThrowsInvalidData()
    {
        var stats = default(RunningStats);
        stats.Add(1);
        stats.Add(2);
        var bytes = new byte[stats.SerializedSize];
        stats.WriteTo(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(18, 8), -1.0);

        Assert.Throws<InvalidDataException>(() => RunningStats.ReadFrom(bytes, out _));
    }

    [Fact]
    public void Size_IsFortyBytes() =>
        Assert.Equal(40, System.Runtime.CompilerServices.Unsafe.SizeOf<RunningStats>());

    private static double[] RandomValues(Random random)
    {
        var values = new double[random.Next(0, 400)];
        var scale = Math.Pow(10, random.Next(-3, 7));
        var offset = random.Next(-1_000, 1_000) * scale;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = offset + (random.NextDouble() * scale);
        }

        return values;
    }
}
