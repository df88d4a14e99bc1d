using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DistillGuard.Core.Sketches;

/// <summary>Streaming count, mean, variance, minimum and maximum of a sequence of values, in 40 bytes, mergeable.</summary>
/// <remarks>
/// <para>
/// Values are added with Welford's update (Welford, "Note on a method for calculating corrected sums of squares and
/// products", Technometrics 4, 1962): the running mean and the sum of squared deviations M2 are updated without the
/// cancellation of the textbook Σx² - (Σx)²/n. Two summaries merge with the pairwise formula of Chan, Golub and
/// LeVeque, "Updating formulae and a pairwise algorithm for computing sample variances" (Stanford CS-TR-79-773, 1979):
/// with δ = mean_b - mean_a, mean = mean_a + δ·n_b/n and M2 = M2_a + M2_b + δ²·n_a·n_b/n, which equals adding the
/// values one by one up to rounding.
/// </para>
/// <para>
/// A mutable struct: keep it in a field (not a readonly one) and call its methods on that field. Every statistic is 0
/// while <see cref="Count"/> is 0.
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public struct RunningStats : ICheckpointable<RunningStats>, IEquatable<RunningStats>
{
    private const int Bytes = SketchSerialization.PreambleSize + sizeof(long) + (4 * sizeof(double));

    private long _count;
    private double _mean;
    private double _m2;
    private double _min;
    private double _max;

    private RunningStats(long count, double mean, double m2, double min, double max)
    {
        _count = count;
        _mean = mean;
        _m2 = m2;
        _min = min;
        _max = max;
    }

    /// <summary>Gets how many values were added.</summary>
    public readonly long Count => _count;

    /// <summary>Gets the mean.</summary>
    public readonly double Mean => _mean;

    /// <summary>Gets the population variance, M2/n.</summary>
    public readonly double Variance => _count > 0 ? _m2 / _count : 0;

    /// <summary>Gets the sample variance, M2/(n - 1); 0 with fewer than two values.</summary>
    public readonly double SampleVariance => _count > 1 ? _m2 / (_count - 1) : 0;

    /// <summary>Gets the population standard deviation.</summary>
    public readonly double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Gets the smallest value.</summary>
    public readonly double Min => _min;

    /// <summary>Gets the largest value.</summary>
    public readonly double Max => _max;

    /// <summary>Gets the bytes that <see cref="WriteTo(Span{byte})"/> writes.</summary>
    public readonly int SerializedSize => Bytes;

    static int ICheckpointable<RunningStats>.HeaderSize => SketchSerialization.PreambleSize;

    /// <summary>Adds a value.</summary>
    /// <param name="value">A finite value.</param>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "RunningStats takes finite values.");
        }

        if (_count == 0)
        {
            this = new RunningStats(1, value, 0, value, value);
            return;
        }

        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
    }

    /// <summary>Merges another summary into this one, which then summarises both sequences.</summary>
    /// <param name="other">The other summary.</param>
    public void Merge(in RunningStats other)
    {
        if (other._count == 0)
        {
            return;
        }

        if (_count == 0)
        {
            this = other;
            return;
        }

        var count = _count + other._count;
        var delta = other._mean - _mean;
        var mean = _mean + (delta * other._count / count);
        var m2 = _m2 + other._m2 + (delta * delta * ((double)_count * other._count / count));
        this = new RunningStats(count, mean, m2, Math.Min(_min, other._min), Math.Max(_max, other._max));
    }

    /// <summary>Writes the summary: kind, version, count, mean, M2, minimum, maximum.</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public readonly int WriteTo(Span<byte> destination)
    {
        SketchSerialization.EnsureDestination(destination, Bytes, SketchKind.RunningStats);
        SketchSerialization.WritePreamble(destination, SketchKind.RunningStats);
        var body = destination[SketchSerialization.PreambleSize..];
        BinaryPrimitives.WriteInt64LittleEndian(body, _count);
        BinaryPrimitives.WriteDoubleLittleEndian(body[8..], _mean);
        BinaryPrimitives.WriteDoubleLittleEndian(body[16..], _m2);
        BinaryPrimitives.WriteDoubleLittleEndian(body[24..], _min);
        BinaryPrimitives.WriteDoubleLittleEndian(body[32..], _max);
        return Bytes;
    }

    /// <summary>Writes the summary in the form of <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="writer">The writer.</param>
    public readonly void WriteTo(BinaryWriter writer) => SketchSerialization.Write(this, writer);

    /// <summary>Reads a summary written by <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="source">The bytes, starting with the summary.</param>
    /// <param name="bytesRead">The bytes the summary occupied.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid summary.</exception>
    public static RunningStats ReadFrom(ReadOnlySpan<byte> source, out int bytesRead)
    {
        SketchSerialization.ReadPreamble(source, SketchKind.RunningStats);
        SketchSerialization.EnsureSource(source, Bytes, SketchKind.RunningStats);
        var body = source[SketchSerialization.PreambleSize..];
        var stats = new RunningStats(
            BinaryPrimitives.ReadInt64LittleEndian(body),
            BinaryPrimitives.ReadDoubleLittleEndian(body[8..]),
            BinaryPrimitives.ReadDoubleLittleEndian(body[16..]),
            BinaryPrimitives.ReadDoubleLittleEndian(body[24..]),
            BinaryPrimitives.ReadDoubleLittleEndian(body[32..]));
        var consistent = stats._count == 0
            ? stats._mean == 0 && stats._m2 == 0 && stats._min == 0 && stats._max == 0
            : stats._count > 0 && double.IsFinite(stats._mean) && double.IsFinite(stats._m2) && stats._m2 >= 0 && stats._min <= stats._max;
        if (!consistent)
        {
            throw new InvalidDataException($"RunningStats fields are inconsistent: count {stats._count}, mean {stats._mean}, M2 {stats._m2}, range [{stats._min}, {stats._max}].");
        }

        bytesRead = Bytes;
        return stats;
    }

    /// <summary>Reads a summary written by <see cref="WriteTo(BinaryWriter)"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid summary.</exception>
    public static RunningStats ReadFrom(BinaryReader reader) => SketchSerialization.Read<RunningStats>(reader);

    static int ICheckpointable<RunningStats>.SerializedSizeFromHeader(ReadOnlySpan<byte> header)
    {
        SketchSerialization.ReadPreamble(header, SketchKind.RunningStats);
        return Bytes;
    }

    /// <inheritdoc />
    public readonly bool Equals(RunningStats other) =>
        _count == other._count && _mean.Equals(other._mean) && _m2.Equals(other._m2) && _min.Equals(other._min) && _max.Equals(other._max);

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is RunningStats other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode() => HashCode.Combine(_count, _mean, _m2, _min, _max);

    /// <summary>Compares two summaries' state exactly.</summary>
    /// <param name="left">The first summary.</param>
    /// <param name="right">The second summary.</param>
    /// <returns>Whether every field is equal.</returns>
    public static bool operator ==(RunningStats left, RunningStats right) => left.Equals(right);

    /// <summary>Compares two summaries' state exactly.</summary>
    /// <param name="left">The first summary.</param>
    /// <param name="right">The second summary.</param>
    /// <returns>Whether any field differs.</returns>
    public static bool operator !=(RunningStats left, RunningStats right) => !left.Equals(right);
}
