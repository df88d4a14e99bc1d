using System.Buffers.Binary;

namespace DistillGuard.Core.Sketches;

/// <summary>A MinHash signature of a set of 64-bit hashes (for example prompt shingles): k minima that estimate Jaccard similarity.</summary>
/// <remarks>
/// <para>
/// Broder, "On the resemblance and containment of documents" (SEQUENCES 1997). For k hash functions h_i the signature
/// keeps min h_i(x) over the set; for two sets A and B, P[min h_i(A) = min h_i(B)] = J(A, B) = |A∩B| / |A∪B|, so the
/// fraction of agreeing positions estimates J with standard error √(J(1-J)/k), and by Hoeffding's inequality
/// P[|Ĵ - J| ≥ ε] ≤ 2·exp(-2kε²).
/// </para>
/// <para>
/// One 64-bit hash per item feeds all k functions: the hash is mixed with the signature's seed once, then
/// h_i(x) = (a_i·x + b_i) &gt;&gt; 32 with fixed odd a_i (multiply-add-shift, Dietzfelbinger 1996), keeping 32-bit minima.
/// The element-wise minimum of two signatures is the signature of the union, so signatures merge exactly.
/// </para>
/// <para>
/// <see cref="TryGetBandKeys"/> prepares locality-sensitive hashing (Indyk and Motwani, STOC 1998; the banding
/// technique of Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets", ch. 3.4): b bands of r rows become b keys,
/// and two sets share at least one key with probability 1 - (1 - J^r)^b (<see cref="CandidateProbability"/>).
/// </para>
/// <para>Not thread-safe: one owner (a subject's partition or grain) updates it.</para>
/// </remarks>
public sealed class MinHashSignature : ICheckpointable<MinHashSignature>
{
    /// <summary>The largest supported number of hash functions.</summary>
    public const int MaxHashCount = UniversalHashFamily.Size;

    /// <summary>The default number of hash functions for per-subject state: standard error at most 6.25 %.</summary>
    public const int DefaultHashCount = 64;

    private const int HeaderBytes = SketchSerialization.PreambleSize + sizeof(ushort) + sizeof(long);

    private readonly uint[] _minima;
    private readonly long _seed;

    /// <summary>Initializes a new, empty instance of the <see cref="MinHashSignature"/> class.</summary>
    /// <param name="hashCount">k, the number of hash functions and minima.</param>
    /// <param name="seed">The seed of the hash functions; only signatures with the same seed and k are comparable.</param>
    public MinHashSignature(int hashCount = DefaultHashCount, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hashCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hashCount, MaxHashCount);
        _minima = new uint[hashCount];
        _minima.AsSpan().Fill(uint.MaxValue);
        _seed = seed;
    }

    /// <summary>Gets k, the number of hash functions and minima.</summary>
    public int HashCount => _minima.Length;

    /// <summary>Gets the seed of the hash functions.</summary>
    public long Seed => _seed;

    /// <summary>Gets the minima, one per hash function.</summary>
    public ReadOnlySpan<uint> Minima => _minima;

    /// <summary>Gets whether nothing has been added.</summary>
    public bool IsEmpty => !_minima.AsSpan().ContainsAnyExcept(uint.MaxValue);

    /// <summary>Gets the managed memory this signature holds on a 64-bit runtime, in bytes: the object and its minima.</summary>
    /// <value>312 bytes at the default 64 hash functions.</value>
    public int MemoryFootprint =>
        MemoryLayout.ObjectSize(fieldBytes: MemoryLayout.ReferenceSize + sizeof(long)) + MemoryLayout.ArraySize(_minima.Length, sizeof(uint));

    /// <summary>Gets the bytes that <see cref="WriteTo(Span{byte})"/> writes.</summary>
    public int SerializedSize => HeaderBytes + (_minima.Length * sizeof(uint));

    static int ICheckpointable<MinHashSignature>.HeaderSize => HeaderBytes;

    /// <summary>Adds an item to the set.</summary>
    /// <param name="hash">A 64-bit hash of the item, for example from <see cref="Hashing"/>.</param>
    public void Add(ulong hash)
    {
        var key = UniversalHashFamily.Prepare(hash, _seed);
        var minima = _minima.AsSpan();
        var multipliers = UniversalHashFamily.GetMultipliers(minima.Length);
        var addends = UniversalHashFamily.GetAddends(minima.Length);
        for (var i = 0; i < minima.Length; i++)
        {
            var value = UniversalHashFamily.Evaluate(multipliers[i], addends[i], key);
            if (value < minima[i])
            {
                minima[i] = value;
            }
        }
    }

    /// <summary>Estimates the Jaccard similarity of this signature's set and another's.</summary>
    /// <param name="other">A signature with the same k and seed.</param>
    /// <returns>The fraction of agreeing minima in [0, 1]; 0 when either set is empty, since an empty set shows no resemblance.</returns>
    public double EstimateJaccard(MinHashSignature other)
    {
        EnsureCompatible(other);
        if (IsEmpty || other.IsEmpty)
        {
            return 0;
        }

        var own = _minima.AsSpan();
        var theirs = other._minima.AsSpan();
        var agreeing = 0;
        for (var i = 0; i < own.Length; i++)
        {
            if (own[i] == theirs[i])
            {
                agreeing++;
            }
        }

        return (double)agreeing / own.Length;
    }

    /// <summary>Merges another signature into this one, which then is the signature of the union of both sets.</summary>
    /// <param name="other">A signature with the same k and seed.</param>
    public void Merge(MinHashSignature other)
    {
        EnsureCompatible(other);
        var own = _minima.AsSpan();
        var theirs = other._minima.AsSpan();
        for (var i = 0; i < own.Length; i++)
        {
            if (theirs[i] < own[i])
            {
                own[i] = theirs[i];
            }
        }
    }

    /// <summary>Writes one locality-sensitive-hashing key per band: band j hashes minima [j·r, (j+1)·r) with j.</summary>
    /// <param name="bands">b, the number of bands.</param>
    /// <param name="rowsPerBand">r, the minima per band; b·r must not exceed <see cref="HashCount"/>.</param>
    /// <param name="destination">At least <paramref name="bands"/> slots.</param>
    /// <returns><see langword="false"/>, writing nothing, when the signature is empty: empty sets would otherwise all collide.</returns>
    public bool TryGetBandKeys(int bands, int rowsPerBand, Span<ulong> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerBand, 1);
        if ((long)bands * rowsPerBand > _minima.Length)
        {
            throw new ArgumentException($"{bands} bands of {rowsPerBand} rows need {(long)bands * rowsPerBand} minima; the signature has {_minima.Length}.", nameof(rowsPerBand));
        }

        if (destination.Length < bands)
        {
            throw new ArgumentException($"{bands} band keys need {bands} slots; the destination has {destination.Length}.", nameof(destination));
        }

        if (IsEmpty)
        {
            return false;
        }

        for (var band = 0; band < bands; band++)
        {
            var key = Hashing.Hash((ulong)band, _seed);
            foreach (var minimum in _minima.AsSpan(band * rowsPerBand, rowsPerBand))
            {
                key = Hashing.Combine(key, minimum);
            }

            destination[band] = key;
        }

        return true;
    }

    /// <summary>Gets the probability that two sets of Jaccard similarity <paramref name="jaccard"/> share a band key: 1 - (1 - J^r)^b.</summary>
    /// <param name="jaccard">The similarity, in [0, 1].</param>
    /// <param name="bands">b, the number of bands.</param>
    /// <param name="rowsPerBand">r, the minima per band.</param>
    /// <returns>The probability that LSH makes the pair a candidate.</returns>
    public static double CandidateProbability(double jaccard, int bands, int rowsPerBand)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jaccard, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jaccard, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerBand, 1);
        return 1 - Math.Pow(1 - Math.Pow(jaccard, rowsPerBand), bands);
    }

    /// <summary>Writes the signature: kind, version, k, seed, then the minima.</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public int WriteTo(Span<byte> destination)
    {
        var size = SerializedSize;
        SketchSerialization.EnsureDestination(destination, size, SketchKind.MinHashSignature);
        SketchSerialization.WritePreamble(destination, SketchKind.MinHashSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[SketchSerialization.PreambleSize..], (ushort)_minima.Length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[(SketchSerialization.PreambleSize + sizeof(ushort))..], _seed);
        var cursor = destination[HeaderBytes..];
        foreach (var minimum in _minima)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(cursor, minimum);
            cursor = cursor[sizeof(uint)..];
        }

        return size;
    }

    /// <summary>Writes the signature in the form of <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(BinaryWriter writer) => SketchSerialization.Write(this, writer);

    /// <summary>Reads a signature written by <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="source">The bytes, starting with the signature.</param>
    /// <param name="bytesRead">The bytes the signature occupied.</param>
    /// <returns>The signature.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid signature.</exception>
    public static MinHashSignature ReadFrom(ReadOnlySpan<byte> source, out int bytesRead)
    {
        bytesRead = SerializedSizeFromHeader(source);
        SketchSerialization.EnsureSource(source, bytesRead, SketchKind.MinHashSignature);
        var hashCount = BinaryPrimitives.ReadUInt16LittleEndian(source[SketchSerialization.PreambleSize..]);
        var seed = BinaryPrimitives.ReadInt64LittleEndian(source[(SketchSerialization.PreambleSize + sizeof(ushort))..]);
        var signature = new MinHashSignature(hashCount, seed);
        var cursor = source[HeaderBytes..bytesRead];
        for (var i = 0; i < hashCount; i++)
        {
            signature._minima[i] = BinaryPrimitives.ReadUInt32LittleEndian(cursor);
            cursor = cursor[sizeof(uint)..];
        }

        return signature;
    }

    /// <summary>Reads a signature written by <see cref="WriteTo(BinaryWriter)"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The signature.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid signature.</exception>
    public static MinHashSignature ReadFrom(BinaryReader reader) => SketchSerialization.Read<MinHashSignature>(reader);

    static int ICheckpointable<MinHashSignature>.SerializedSizeFromHeader(ReadOnlySpan<byte> header) => SerializedSizeFromHeader(header);

    private static int SerializedSizeFromHeader(ReadOnlySpan<byte> header)
    {
        SketchSerialization.ReadPreamble(header, SketchKind.MinHashSignature);
        SketchSerialization.EnsureSource(header, HeaderBytes, SketchKind.MinHashSignature);
        int hashCount = BinaryPrimitives.ReadUInt16LittleEndian(header[SketchSerialization.PreambleSize..]);
        if (hashCount is < 1 or > MaxHashCount)
        {
            throw new InvalidDataException($"MinHash hash count {hashCount} is outside [1, {MaxHashCount}].");
        }

        return HeaderBytes + (hashCount * sizeof(uint));
    }

    private void EnsureCompatible(MinHashSignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.HashCount != HashCount || other._seed != _seed)
        {
            throw new ArgumentException(
                $"Signatures differ in hash functions: k = {other.HashCount}, seed {other._seed} against k = {HashCount}, seed {_seed}.",
                nameof(other));
        }
    }
}
