using System.Buffers.Binary;

namespace DistillGuard.Core.Sketches;

/// <summary>A Count-Min sketch with conservative update: upper-bound frequency estimates of 64-bit keys in d×w counters.</summary>
/// <remarks>
/// <para>
/// Cormode and Muthukrishnan, "An improved data stream summary: the count-min sketch and its applications"
/// (J. Algorithms 55, 2005). Each of d rows hashes a key to one of w counters (pairwise-independent multiply-add-shift
/// functions); the estimate is the minimum of the key's d counters. It never underestimates, and with N the total
/// weight it overestimates by more than εN, ε = e/w, with probability at most δ = e^-d.
/// </para>
/// <para>
/// Updates are conservative (Estan and Varghese, "New directions in traffic measurement and accounting", SIGCOMM 2002):
/// adding c raises each of the key's counters only to max(counter, estimate + c). Every counter stays at or below the
/// plain sketch's, so both guarantees still hold and errors shrink. Merging adds counters (saturating at
/// <see cref="uint.MaxValue"/>); the sum of two conservative sketches is still an upper bound and still no larger than
/// the plain sketch of the concatenated stream, so the guarantees hold for the union with N the sum of both totals.
/// Counters are 32-bit to keep per-subject state small.
/// </para>
/// <para>Not thread-safe: one owner (a subject's partition or grain) updates it.</para>
/// </remarks>
public sealed class CountMinSketch : ICheckpointable<CountMinSketch>
{
    /// <summary>The largest supported width.</summary>
    public const int MaxWidth = 1 << 16;

    /// <summary>The largest supported depth.</summary>
    public const int MaxDepth = 16;

    /// <summary>The default width for per-subject state: ε = e/64 ≈ 4.2 % of the total.</summary>
    public const int DefaultWidth = 64;

    /// <summary>The default depth for per-subject state: δ = e^-4 ≈ 1.8 %.</summary>
    public const int DefaultDepth = 4;

    private const int HeaderBytes = SketchSerialization.PreambleSize + sizeof(int) + sizeof(byte) + sizeof(long) + sizeof(long);

    private readonly uint[] _counters;
    private readonly int _width;
    private readonly int _depth;
    private readonly long _seed;
    private long _total;

    /// <summary>Initializes a new, empty instance of the <see cref="CountMinSketch"/> class.</summary>
    /// <param name="width">w, the counters per row.</param>
    /// <param name="depth">d, the rows.</param>
    /// <param name="seed">The seed of the row hash functions; only sketches with the same shape and seed merge.</param>
    public CountMinSketch(int width = DefaultWidth, int depth = DefaultDepth, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth);
        _counters = new uint[width * depth];
        _width = width;
        _depth = depth;
        _seed = seed;
    }

    /// <summary>Gets w, the counters per row.</summary>
    public int Width => _width;

    /// <summary>Gets d, the rows.</summary>
    public int Depth => _depth;

    /// <summary>Gets the seed of the row hash functions.</summary>
    public long Seed => _seed;

    /// <summary>Gets N, the total weight added (including merged sketches).</summary>
    public long Total => _total;

    /// <summary>Gets ε = e/w: an estimate exceeds the true count by more than ε·<see cref="Total"/> with probability at most <see cref="Delta"/>.</summary>
    public double Epsilon => Math.E / _width;

    /// <summary>Gets δ = e^-d, the probability that an estimate misses the ε bound.</summary>
    public double Delta => Math.Exp(-Depth);

    /// <summary>Gets the managed memory this sketch holds on a 64-bit runtime, in bytes: the object and its counters.</summary>
    /// <value>1,096 bytes at the default 4 × 64.</value>
    public int MemoryFootprint =>
        MemoryLayout.ObjectSize(fieldBytes: MemoryLayout.ReferenceSize + (2 * sizeof(int)) + (2 * sizeof(long))) + MemoryLayout.ArraySize(_counters.Length, sizeof(uint));

    /// <summary>Gets the bytes that <see cref="WriteTo(Span{byte})"/> writes.</summary>
    public int SerializedSize => HeaderBytes + (_counters.Length * sizeof(uint));

    static int ICheckpointable<CountMinSketch>.HeaderSize => HeaderBytes;

    /// <summary>Counts occurrences of a key with a conservative update.</summary>
    /// <param name="key">The key, for example a hash from <see cref="Hashing"/>.</param>
    /// <param name="count">The occurrences to add.</param>
    public void Add(ulong key, uint count = 1)
    {
        Span<int> cells = stackalloc int[MaxDepth];
        cells = cells[.._depth];
        FindCells(key, cells);
        var estimate = uint.MaxValue;
        foreach (var cell in cells)
        {
            estimate = Math.Min(estimate, _counters[cell]);
        }

        var raised = (uint)Math.Min(uint.MaxValue, (ulong)estimate + count);
        foreach (var cell in cells)
        {
            if (_counters[cell] < raised)
            {
                _counters[cell] = raised;
            }
        }

        _total += count;
    }

    /// <summary>Estimates how often a key was counted.</summary>
    /// <param name="key">The key.</param>
    /// <returns>An upper bound on the key's true count.</returns>
    public long Estimate(ulong key)
    {
        Span<int> cells = stackalloc int[MaxDepth];
        cells = cells[.._depth];
        FindCells(key, cells);
        var estimate = uint.MaxValue;
        foreach (var cell in cells)
        {
            estimate = Math.Min(estimate, _counters[cell]);
        }

        return estimate;
    }

    /// <summary>Merges another sketch into this one, which then bounds the counts of both streams together.</summary>
    /// <param name="other">A sketch of the same width, depth and seed.</param>
    public void Merge(CountMinSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._width != _width || other._depth != _depth || other._seed != _seed)
        {
            throw new ArgumentException(
                $"Cannot merge a {other.Depth}×{other._width} sketch with seed {other._seed} into a {Depth}×{_width} sketch with seed {_seed}.",
                nameof(other));
        }

        var own = _counters.AsSpan();
        var theirs = other._counters.AsSpan();
        for (var i = 0; i < own.Length; i++)
        {
            own[i] = (uint)Math.Min(uint.MaxValue, (ulong)own[i] + theirs[i]);
        }

        _total += other._total;
    }

    /// <summary>Writes the sketch: kind, version, width, depth, seed, total, then the counters row by row.</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public int WriteTo(Span<byte> destination)
    {
        var size = SerializedSize;
        SketchSerialization.EnsureDestination(destination, size, SketchKind.CountMinSketch);
        SketchSerialization.WritePreamble(destination, SketchKind.CountMinSketch);
        var header = destination[SketchSerialization.PreambleSize..];
        BinaryPrimitives.WriteInt32LittleEndian(header, _width);
        header[4] = (byte)Depth;
        BinaryPrimitives.WriteInt64LittleEndian(header[5..], _seed);
        BinaryPrimitives.WriteInt64LittleEndian(header[13..], _total);
        var cursor = destination[HeaderBytes..];
        foreach (var counter in _counters)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(cursor, counter);
            cursor = cursor[sizeof(uint)..];
        }

        return size;
    }

    /// <summary>Writes the sketch in the form of <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(BinaryWriter writer) => SketchSerialization.Write(this, writer);

    /// <summary>Reads a sketch written by <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="source">The bytes, starting with the sketch.</param>
    /// <param name="bytesRead">The bytes the sketch occupied.</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid sketch.</exception>
    public static CountMinSketch ReadFrom(ReadOnlySpan<byte> source, out int bytesRead)
    {
        bytesRead = SerializedSizeFromHeader(source);
        SketchSerialization.EnsureSource(source, bytesRead, SketchKind.CountMinSketch);
        var header = source[SketchSerialization.PreambleSize..];
        var sketch = new CountMinSketch(
            BinaryPrimitives.ReadInt32LittleEndian(header),
            header[4],
            BinaryPrimitives.ReadInt64LittleEndian(header[5..]));
        var total = BinaryPrimitives.ReadInt64LittleEndian(header[13..]);
        if (total < 0)
        {
            throw new InvalidDataException($"CountMin total {total} is negative.");
        }

        var cursor = source[HeaderBytes..bytesRead];
        for (var i = 0; i < sketch._counters.Length; i++)
        {
            sketch._counters[i] = BinaryPrimitives.ReadUInt32LittleEndian(cursor);
            cursor = cursor[sizeof(uint)..];
        }

        sketch._total = total;
        return sketch;
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo(BinaryWriter)"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid sketch.</exception>
    public static CountMinSketch ReadFrom(BinaryReader reader) => SketchSerialization.Read<CountMinSketch>(reader);

    static int ICheckpointable<CountMinSketch>.SerializedSizeFromHeader(ReadOnlySpan<byte> header) => SerializedSizeFromHeader(header);

    private static int SerializedSizeFromHeader(ReadOnlySpan<byte> header)
    {
        SketchSerialization.ReadPreamble(header, SketchKind.CountMinSketch);
        SketchSerialization.EnsureSource(header, HeaderBytes, SketchKind.CountMinSketch);
        var width = BinaryPrimitives.ReadInt32LittleEndian(header[SketchSerialization.PreambleSize..]);
        int depth = header[SketchSerialization.PreambleSize + 4];
        if (width is < 1 or > MaxWidth || depth is < 1 or > MaxDepth)
        {
            throw new InvalidDataException($"CountMin shape {depth}×{width} is outside [1, {MaxDepth}]×[1, {MaxWidth}].");
        }

        return HeaderBytes + (width * depth * sizeof(uint));
    }

    private void FindCells(ulong key, Span<int> cells)
    {
        var prepared = UniversalHashFamily.Prepare(key, _seed);
        var multipliers = UniversalHashFamily.GetMultipliers(cells.Length);
        var addends = UniversalHashFamily.GetAddends(cells.Length);
        var width = (uint)_width;
        for (var row = 0; row < cells.Length; row++)
        {
            var hash = UniversalHashFamily.Evaluate(multipliers[row], addends[row], prepared);

            // Lemire's multiply-shift range reduction maps a 32-bit hash onto [0, w) without a division.
            cells[row] = (row * _width) + (int)(((ulong)hash * width) >> 32);
        }
    }
}
