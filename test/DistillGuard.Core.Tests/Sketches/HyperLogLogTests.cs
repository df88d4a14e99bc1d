using System.Numerics;
using DistillGuard.Core.Sketches;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class HyperLogLogTests
{
    // The error is close to normal with σ ≈ 1.04/√m but has a long right tail at m ≤ 64, so the property draws
    // p in [7, 12]: over 170,000 such trials none exceeded five standard errors. Six keep a false failure far below one
    // in ten thousand runs, while a broken estimator (bias, wrong α, no small-range correction) fails at once.
    private const double StandardErrors = 6;

    // The registers of a serialized sketch start after the kind, the version and the precision.
    private const int RegistersOffset = 3;

    // The estimate as it was computed before the integer sum: the powers added as doubles in register order.
    private static double ReferenceEstimate(ReadOnlySpan<byte> registers)
    {
        var m = registers.Length;
        var sum = 0.0;
        var zeros = 0;
        foreach (var register in registers)
        {
            sum += BitConverter.Int64BitsToDouble((long)(1023 - register) << 52);
            if (register == 0)
            {
                zeros++;
            }
        }

        if (zeros > 0)
        {
            var linear = m * Math.Log((double)m / zeros);
            if (linear <= 2.5 * m)
            {
                return linear;
            }
        }

        var alpha = m switch
        {
            16 => 0.673,
            32 => 0.697,
            64 => 0.709,
            _ => 0.7213 / (1 + (1.079 / m)),
        };
        return alpha * m * m / sum;
    }

    // Registers as adding hashes leaves them (rank r with probability 2^-r), some empty, and now and then ranks up to
    // the maximum, near and past the largest for which the sum is taken in integers (53 - p).
    private static byte[] RandomSketchBytes(Random random, int precision)
    {
        var bytes = Bytes(new HyperLogLog(precision));
        var registers = bytes.AsSpan(RegistersOffset);
        var maxRank = 64 - precision + 1;
        var emptyShare = random.Next(3) switch { 0 => 0, 1 => random.NextDouble() * 0.1, _ => random.NextDouble() };
        var highShare = random.Next(3) switch { 0 => 0, 1 => 1.0 / registers.Length, _ => random.NextDouble() * 0.2 };
        for (var i = 0; i < registers.Length; i++)
        {
            if (random.NextDouble() < emptyShare)
            {
                continue;
            }

            registers[i] = random.NextDouble() < highShare
                ? (byte)random.Next(53 - precision - 3, maxRank + 1)
                : (byte)Math.Min(maxRank, 1 + BitOperations.TrailingZeroCount(random.NextInt64() | long.MinValue));
        }

        return bytes;
    }

    [Property(MaxTest = 300)]
    public void Estimate_RandomRegisters_EqualsReferenceDoubleSumExactly(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var precision = random.Next(4) == 0 ? random.Next(13, HyperLogLog.MaxPrecision + 1) : random.Next(HyperLogLog.MinPrecision, 13);
        var bytes = RandomSketchBytes(random, precision);

        var sketch = HyperLogLog.ReadFrom(bytes, out _);

        Assert.Equal(BitConverter.DoubleToInt64Bits(ReferenceEstimate(bytes.AsSpan(RegistersOffset))), BitConverter.DoubleToInt64Bits(sketch.Estimate()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Estimate_RegistersAtTheIntegerSumsLimit_EqualsReferenceDoubleSumExactly(int pattern)
    {
        for (var precision = HyperLogLog.MinPrecision; precision <= HyperLogLog.MaxPrecision; precision++)
        {
            var bytes = Bytes(new HyperLogLog(precision));
            var registers = bytes.AsSpan(RegistersOffset);
            var exactRank = (byte)(53 - precision);
            var maxRank = (byte)(64 - precision + 1);
            switch (pattern)
            {
                case 0: // all at the largest rank summed in integers
                    registers.Fill(exactRank);
                    break;
                case 1: // one past it, which takes the double sum
                    registers.Fill(exactRank);
                    registers[^1] = (byte)(exactRank + 1);
                    break;
                case 2: // all at the maximum rank
                    registers.Fill(maxRank);
                    break;
                default: // all rank 1 but one at the limit: the sum's smallest and largest bits both set
                    registers.Fill(1);
                    registers[registers.Length / 2] = exactRank;
                    break;
            }

            var sketch = HyperLogLog.ReadFrom(bytes, out _);

            Assert.Equal(BitConverter.DoubleToInt64Bits(ReferenceEstimate(registers)), BitConverter.DoubleToInt64Bits(sketch.Estimate()));
        }
    }

    [Property(MaxTest = 100)]
    public void Merge_RandomRegisters_TakesEachRegistersMaximum(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var precision = random.Next(HyperLogLog.MinPrecision, HyperLogLog.MaxPrecision + 1);
        var first = RandomSketchBytes(random, precision);
        var second = RandomSketchBytes(random, precision);
        var expected = first.ToArray();
        for (var i = RegistersOffset; i < expected.Length; i++)
        {
            expected[i] = Math.Max(first[i], second[i]);
        }

        var merged = HyperLogLog.ReadFrom(first, out _);
        _ = merged.Estimate();
        merged.Merge(HyperLogLog.ReadFrom(second, out _));

        Assert.Equal(expected, Bytes(merged));
        Assert.Equal(BitConverter.DoubleToInt64Bits(ReferenceEstimate(expected.AsSpan(RegistersOffset))), BitConverter.DoubleToInt64Bits(merged.Estimate()));
    }

    [Property(MaxTest = 60)]
    public void Estimate_RandomSetSize_IsWithinSixStandardErrors(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var precision = random.Next(7, 13);
        var size = random.Next(0, 20_001);
        var sketch = new HyperLogLog(precision);

        for (var i = 0; i < size; i++)
        {
            sketch.Add(SketchTestData.Item(seed.Item, i));
        }

        var error = Math.Abs(sketch.Estimate() - size);
        Assert.True(
            error <= (StandardErrors * sketch.StandardError * size) + 1,
            $"p = {precision}, n = {size}: estimate {sketch.Estimate():F1} is off by {error:F1}, over {StandardErrors} standard errors.");
    }

    [Property(MaxTest = 40)]
    public void Merge_TwoOverlappingSets_EqualsSketchOfUnionExactly(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var precision = random.Next(HyperLogLog.MinPrecision, 13);
        var firstEnd = random.Next(0, 5_000);
        var secondStart = random.Next(0, firstEnd + 1);
        var secondEnd = secondStart + random.Next(0, 5_000);
        var first = new HyperLogLog(precision);
        var second = new HyperLogLog(precision);
        var union = new HyperLogLog(precision);
        for (var i = 0; i < firstEnd; i++)
        {
            first.Add(SketchTestData.Item(seed.Item, i));
            union.Add(SketchTestData.Item(seed.Item, i));
        }

        for (var i = secondStart; i < secondEnd; i++)
        {
            second.Add(SketchTestData.Item(seed.Item, i));
            union.Add(SketchTestData.Item(seed.Item, i));
        }

        first.Merge(second);

        Assert.Equal(union.Estimate(), first.Estimate());
        Assert.Equal(Bytes(union), Bytes(first));
    }

    [Property(MaxTest = 30)]
    public void WriteTo_ThenReadFrom_RoundTrips(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var sketch = new HyperLogLog(random.Next(HyperLogLog.MinPrecision, 13));
        var size = random.Next(0, 3_000);
        for (var i = 0; i < size; i++)
        {
            sketch.Add(SketchTestData.Item(seed.Item, i));
        }

        var bytes = Bytes(sketch);
        var fromSpan = HyperLogLog.ReadFrom(bytes, out var bytesRead);
        var fromReader = SketchTestData.ThroughStream(sketch.WriteTo, HyperLogLog.ReadFrom);

        Assert.Equal(bytes.Length, bytesRead);
        Assert.Equal(bytes, Bytes(fromSpan));
        Assert.Equal(bytes, Bytes(fromReader));
        Assert.Equal(sketch.Estimate(), fromReader.Estimate());
    }

    [Fact]
    public void Estimate_Empty_IsZero()
    {
        var sketch = new HyperLogLog();

        Assert.True(sketch.IsEmpty);
        Assert.Equal(0, sketch.Estimate());
    }

    [Fact]
    public void Add_SameHashRepeatedly_CountsOnce()
    {
        var sketch = new HyperLogLog();

        for (var i = 0; i < 1_000; i++)
        {
            sketch.Add(0xDEADBEEFUL);
        }

        Assert.False(sketch.IsEmpty);
        Assert.Equal(1, sketch.Estimate(), 0.01);
    }

    [Fact]
    public void Add_HashWithAllLowBitsZero_StaysWithinRegisterRange()
    {
        var sketch = new HyperLogLog(HyperLogLog.MinPrecision);

        sketch.Add(0);
        sketch.Add(0xF000_0000_0000_0000UL);

        var bytes = Bytes(sketch);
        Assert.Equal(64 - HyperLogLog.MinPrecision + 1, bytes[3]);
        // Linear counting with 2 of 16 registers set.
        Assert.Equal(16 * Math.Log(16.0 / 14), HyperLogLog.ReadFrom(bytes, out _).Estimate(), 12);
    }

    [Fact]
    public void Estimate_LargeSetAtDefaultPrecision_UsesRawEstimateWithinBound()
    {
        var sketch = new HyperLogLog();
        const int Size = 1_000_000;

        for (var i = 0; i < Size; i++)
        {
            sketch.Add(SketchTestData.Item(7, i));
        }

        Assert.InRange(sketch.Estimate(), Size * (1 - (4 * sketch.StandardError)), Size * (1 + (4 * sketch.StandardError)));
    }

    [Fact]
    public void Merge_DifferentPrecision_Throws()
    {
        var sketch = new HyperLogLog(7);

        Assert.Throws<ArgumentException>(() => sketch.Merge(new HyperLogLog(8)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(19)]
    public void Constructor_PrecisionOutOfRange_Throws(int precision) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HyperLogLog(precision));

    [Fact]
    public void ReadFrom_RegisterAboveMaximumRank_ThrowsInvalidData()
    {
        var bytes = Bytes(new HyperLogLog(HyperLogLog.MinPrecision));
        bytes[3] = 64;

        Assert.Throws<InvalidDataException>(() => HyperLogLog.ReadFrom(bytes, out _));
    }

    [Fact]
    public void ReadFrom_PrecisionOutOfRange_ThrowsInvalidData()
    {
        var bytes = Bytes(new HyperLogLog(HyperLogLog.MinPrecision));
        bytes[2] = 30;

        Assert.Throws<InvalidDataException>(() => HyperLogLog.ReadFrom(bytes, out _));
    }

    [Fact]
    public void MemoryFootprint_DefaultPrecision_MatchesAllocatedBytes()
    {
        var sketch = new HyperLogLog();

        var allocated = SketchTestData.FootprintOf(() => new HyperLogLog());

        Assert.Equal(allocated, sketch.MemoryFootprint);
        Assert.Equal(192, sketch.MemoryFootprint); // 128 registers, the cached estimate and the object headers
    }

    [Fact]
    public void Add_ManyHashes_AllocatesNothing()
    {
        var sketch = new HyperLogLog();

        var allocated = SketchTestData.AllocatedBytes(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                sketch.Add(SketchTestData.Item(3, i));
            }
        });

        Assert.Equal(0, allocated);
    }

    private static byte[] Bytes(HyperLogLog sketch) => SketchTestData.Serialize(sketch.WriteTo, sketch.SerializedSize);
}
