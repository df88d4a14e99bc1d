using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DistillGuard.Core.Sketches;

/// <summary>A HyperLogLog sketch: an estimate of how many distinct 64-bit hashes were added, in 2^p bytes.</summary>
/// <remarks>
/// <para>
/// Flajolet, Fusy, Gandouet and Meunier, "HyperLogLog: the analysis of a near-optimal cardinality estimation
/// algorithm" (AofA 2007). The top p bits of a hash choose one of m = 2^p registers; the register keeps the largest
/// rank (position of the first 1-bit) of the remaining bits. The raw estimate is
/// E = α_m·m² / Σ 2^-M[j], with relative standard error about 1.04/√m (13 % at p = 6, 9.2 % at p = 7, 3.3 % at p = 10).
/// </para>
/// <para>
/// Following Heule, Nunkesser and Hall, "HyperLogLog in practice" (EDBT 2013): hashes are 64 bits wide, so no
/// large-range correction is needed, and the small-range correction is linear counting, m·ln(m/V) with V empty
/// registers, chosen when that estimate itself is at most the threshold. This sketch carries no empirical bias tables,
/// so the threshold is Flajolet et al.'s 5m/2, the point up to which linear counting beats the uncorrected raw
/// estimate; deciding on the linear-counting value rather than on E avoids the error spike of the original rule when
/// only a few registers are still empty.
/// </para>
/// <para>
/// Merging takes the register-wise maximum, which yields exactly the sketch of the union of the two inputs, so a
/// campaign's sketch is the merge of its members'. Memory is the m registers plus a small object header.
/// </para>
/// <para>Not thread-safe: one owner (a subject's partition or grain) updates it.</para>
/// </remarks>
public sealed class HyperLogLog : ICheckpointable<HyperLogLog>
{
    /// <summary>The smallest supported precision.</summary>
    public const int MinPrecision = 4;

    /// <summary>The largest supported precision.</summary>
    public const int MaxPrecision = 18;

    /// <summary>The default precision for per-subject state: 128 registers, 9.2 % standard error.</summary>
    public const int DefaultPrecision = 7;

    private const int HeaderBytes = SketchSerialization.PreambleSize + 1;

    private readonly byte[] _registers;

    // The last estimate, or a negative number when a register changed since: detection asks for estimates far more
    // often than an Add changes a register.
    private double _estimate = -1;

    /// <summary>Initializes a new, empty instance of the <see cref="HyperLogLog"/> class.</summary>
    /// <param name="precision">p, the number of hash bits that choose a register: m = 2^p registers of one byte.</param>
    public HyperLogLog(int precision = DefaultPrecision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, MinPrecision);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, MaxPrecision);
        Precision = precision;
        _registers = new byte[1 << precision];
    }

    private HyperLogLog(int precision, byte[] registers)
    {
        Precision = precision;
        _registers = registers;
    }

    /// <summary>Gets p, the number of hash bits that choose a register.</summary>
    public int Precision { get; }

    /// <summary>Gets m = 2^p, the number of registers.</summary>
    public int RegisterCount => _registers.Length;

    /// <summary>Gets the relative standard error of the estimate, 1.04/√m.</summary>
    public double StandardError => 1.04 / Math.Sqrt(_registers.Length);

    /// <summary>Gets whether nothing has been added.</summary>
    public bool IsEmpty => !_registers.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>Gets the managed memory this sketch holds on a 64-bit runtime, in bytes: the object and its register array.</summary>
    /// <value>184 bytes at the default precision 7.</value>
    public int MemoryFootprint => MemoryLayout.ObjectSize(fieldBytes: sizeof(int) + sizeof(double) + MemoryLayout.ReferenceSize) + MemoryLayout.ArraySize(_registers.Length, sizeof(byte));

    /// <summary>Gets the bytes that <see cref="WriteTo(Span{byte})"/> writes.</summary>
    public int SerializedSize => HeaderBytes + _registers.Length;

    static int ICheckpointable<HyperLogLog>.HeaderSize => HeaderBytes;

    /// <summary>Adds a 64-bit hash; adding the same hash again changes nothing.</summary>
    /// <param name="hash">A well-distributed hash of the item, for example from <see cref="Hashing"/>.</param>
    public void Add(ulong hash)
    {
        var p = Precision;
        var index = (int)(hash >> (64 - p));

        // The guard bit caps the rank at 64 - p + 1 when the remaining bits are all zero.
        var rank = (byte)(BitOperations.LeadingZeroCount((hash << p) | (1UL << (p - 1))) + 1);
        ref var register = ref _registers[index];
        if (rank > register)
        {
            register = rank;
            _estimate = -1;
        }
    }

    /// <summary>Estimates the number of distinct hashes added.</summary>
    /// <returns>The estimate; 0 for an empty sketch.</returns>
    public double Estimate()
    {
        if (_estimate >= 0)
        {
            return _estimate;
        }

        _estimate = ComputeEstimate();
        return _estimate;
    }

    private double ComputeEstimate()
    {
        var registers = _registers.AsSpan();
        var m = registers.Length;
        var zeros = registers.Count((byte)0);
        if (zeros > 0)
        {
            var linear = m * Math.Log((double)m / zeros);
            if (linear <= 2.5 * m)
            {
                return linear;
            }
        }

        return Alpha(m) * m * m / SumOfPowers(registers);
    }

    /// <summary>Computes Σ 2^-M[j], the same double that adding the terms in register order gives.</summary>
    /// <remarks>
    /// Every partial sum is a multiple of 2^-max and at most m = 2^p, so while no register exceeds 53 - p each one
    /// fits a double's 53-bit significand and the additions in register order are exact. The sum is then taken in
    /// integers scaled by 2^(53-p), in any order and several at a time, and is exactly the double the additions give.
    /// A larger register (a rank beyond 53 - p turns up about once in 2^(53-p) hashes) takes the additions themselves.
    /// </remarks>
    private double SumOfPowers(ReadOnlySpan<byte> registers)
    {
        var exactRank = 53 - Precision;
        if (!registers.ContainsAnyInRange((byte)(exactRank + 1), byte.MaxValue))
        {
            // m is a power of two of at least 16, so the registers are whole 8-byte words.
            ulong sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
            foreach (var word in MemoryMarshal.Cast<byte, ulong>(registers))
            {
                sum0 += (1UL << (exactRank - (int)(word & 0xFF))) + (1UL << (exactRank - (int)((word >> 32) & 0xFF)));
                sum1 += (1UL << (exactRank - (int)((word >> 8) & 0xFF))) + (1UL << (exactRank - (int)((word >> 40) & 0xFF)));
                sum2 += (1UL << (exactRank - (int)((word >> 16) & 0xFF))) + (1UL << (exactRank - (int)((word >> 48) & 0xFF)));
                sum3 += (1UL << (exactRank - (int)((word >> 24) & 0xFF))) + (1UL << (exactRank - (int)(word >> 56)));
            }

            // At most m·2^(53-p) = 2^53, so the conversion is exact; so is scaling by a power of two.
            return (double)(sum0 + sum1 + sum2 + sum3) * Math.ScaleB(1.0, -exactRank);
        }

        var sum = 0.0;
        foreach (var register in registers)
        {
            // 2^-register, built from the exponent bits directly.
            sum += BitConverter.Int64BitsToDouble((long)(1023 - register) << 52);
        }

        return sum;
    }

    /// <summary>Merges another sketch into this one, which then estimates the union of both inputs.</summary>
    /// <param name="other">A sketch of the same precision.</param>
    public void Merge(HyperLogLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Precision != Precision)
        {
            throw new ArgumentException($"Cannot merge a precision-{other.Precision} sketch into a precision-{Precision} sketch.", nameof(other));
        }

        _estimate = -1;
        var target = _registers.AsSpan();
        ReadOnlySpan<byte> source = other._registers;

        // The register-wise maximum, 32 or 16 registers at a time (m is a power of two of at least 16).
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= target.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                Vector256.Max(Vector256.Create(target[i..]), Vector256.Create(source[i..])).CopyTo(target[i..]);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= target.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                Vector128.Max(Vector128.Create(target[i..]), Vector128.Create(source[i..])).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            if (source[i] > target[i])
            {
                target[i] = source[i];
            }
        }
    }

    /// <summary>Writes the sketch: kind, version, precision, then the registers.</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public int WriteTo(Span<byte> destination)
    {
        SketchSerialization.EnsureDestination(destination, SerializedSize, SketchKind.HyperLogLog);
        SketchSerialization.WritePreamble(destination, SketchKind.HyperLogLog);
        destination[SketchSerialization.PreambleSize] = (byte)Precision;
        _registers.CopyTo(destination[HeaderBytes..]);
        return SerializedSize;
    }

    /// <summary>Writes the sketch in the form of <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(BinaryWriter writer) => SketchSerialization.Write(this, writer);

    /// <summary>Reads a sketch written by <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="source">The bytes, starting with the sketch.</param>
    /// <param name="bytesRead">The bytes the sketch occupied.</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid sketch.</exception>
    public static HyperLogLog ReadFrom(ReadOnlySpan<byte> source, out int bytesRead)
    {
        bytesRead = SerializedSizeFromHeader(source);
        SketchSerialization.EnsureSource(source, bytesRead, SketchKind.HyperLogLog);
        var precision = source[SketchSerialization.PreambleSize];
        var registers = source[HeaderBytes..bytesRead].ToArray();
        var maxRank = 64 - precision + 1;
        if (registers.AsSpan().IndexOfAnyInRange((byte)(maxRank + 1), byte.MaxValue) >= 0)
        {
            throw new InvalidDataException($"A precision-{precision} HyperLogLog register cannot exceed {maxRank}.");
        }

        return new HyperLogLog(precision, registers);
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo(BinaryWriter)"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid sketch.</exception>
    public static HyperLogLog ReadFrom(BinaryReader reader) => SketchSerialization.Read<HyperLogLog>(reader);

    static int ICheckpointable<HyperLogLog>.SerializedSizeFromHeader(ReadOnlySpan<byte> header) => SerializedSizeFromHeader(header);

    private static int SerializedSizeFromHeader(ReadOnlySpan<byte> header)
    {
        SketchSerialization.ReadPreamble(header, SketchKind.HyperLogLog);
        SketchSerialization.EnsureSource(header, HeaderBytes, SketchKind.HyperLogLog);
        int precision = header[SketchSerialization.PreambleSize];
        if (precision is < MinPrecision or > MaxPrecision)
        {
            throw new InvalidDataException($"HyperLogLog precision {precision} is outside [{MinPrecision}, {MaxPrecision}].");
        }

        return HeaderBytes + (1 << precision);
    }

    private static double Alpha(int m) => m switch
    {
        16 => 0.673,
        32 => 0.697,
        64 => 0.709,
        _ => 0.7213 / (1 + (1.079 / m)),
    };
}
