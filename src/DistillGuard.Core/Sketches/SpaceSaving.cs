using System.Buffers.Binary;

namespace DistillGuard.Core.Sketches;

/// <summary>The SpaceSaving summary: the most frequent 64-bit keys of a stream with counts and error bounds, in k counters.</summary>
/// <remarks>
/// <para>
/// Metwally, Agrawal and El Abbadi, "Efficient computation of frequent and top-k elements in data streams"
/// (ICDT 2005). The sketch monitors at most k keys. A monitored key's count grows by each weight added; an unmonitored
/// key replaces the monitored key with the smallest count c_min, inheriting c_min + weight as its count and c_min as
/// its error. With N the total weight added, the summary guarantees that
/// </para>
/// <list type="bullet">
/// <item>every estimate is an upper bound and exceeds the true count by at most its error, which is at most c_min ≤ N/k;</item>
/// <item>every key whose true count exceeds c_min (and so every key above N/k) is monitored;</item>
/// <item>an unmonitored key's true count is at most <see cref="MinCount"/>.</item>
/// </list>
/// <para>
/// Merging follows Agarwal, Cormode, Huang, Phillips, Wei and Yi, "Mergeable summaries" (PODS 2012), which shows
/// SpaceSaving mergeable through its isomorphism with Misra–Gries, in the direct form of Cafaro, Pulimeno and
/// Tempesta, "A parallel space saving algorithm for frequent items and the Hurwitz zeta distribution" (Information
/// Sciences, 2016): each key of either summary gets the sum of its counts and errors in both, a summary that does not
/// monitor the key contributing its c_min to both; the k largest are kept. The guarantees above then hold for the
/// concatenated stream with N the sum of both totals, so a campaign's summary is the merge of its members'.
/// </para>
/// <para>
/// Keys live in one array of k entries searched linearly, which for the intended k of 8 to 64 is faster than a hash
/// map and allocates nothing per item.
/// </para>
/// <para>Not thread-safe: one owner (a subject's partition or grain) updates it.</para>
/// </remarks>
public sealed class SpaceSaving : ICheckpointable<SpaceSaving>
{
    /// <summary>The largest supported capacity.</summary>
    public const int MaxCapacity = 256;

    /// <summary>The default capacity for per-subject state.</summary>
    public const int DefaultCapacity = 16;

    private const int EntryBytes = 24;

    // The most entries sorted by insertion; more go to the library's introsort.
    private const int InsertionSortLimit = 64;
    private const int HeaderBytes = SketchSerialization.PreambleSize + (2 * sizeof(ushort)) + sizeof(long);

    private readonly SpaceSavingEntry[] _entries;
    private int _count;
    private long _total;

    /// <summary>Initializes a new, empty instance of the <see cref="SpaceSaving"/> class.</summary>
    /// <param name="capacity">k, the number of keys monitored.</param>
    public SpaceSaving(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        _entries = new SpaceSavingEntry[capacity];
    }

    /// <summary>Gets k, the number of keys monitored.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Gets how many keys are monitored now.</summary>
    public int Count => _count;

    /// <summary>Gets N, the total weight added (including merged summaries).</summary>
    public long Total => _total;

    /// <summary>
    /// Gets c_min: 0 until all k counters are in use, then the smallest monitored count. It bounds every entry's error
    /// and the true count of every unmonitored key, and is at most <see cref="Total"/>/<see cref="Capacity"/>.
    /// </summary>
    public long MinCount
    {
        get
        {
            if (_count < _entries.Length)
            {
                return 0;
            }

            return _entries[IndexOfMinimum()].Count;
        }
    }

    /// <summary>Gets the managed memory this summary holds on a 64-bit runtime, in bytes: the object and its entry array.</summary>
    /// <value>448 bytes at the default capacity 16.</value>
    public int MemoryFootprint =>
        MemoryLayout.ObjectSize(fieldBytes: MemoryLayout.ReferenceSize + sizeof(int) + sizeof(long)) + MemoryLayout.ArraySize(_entries.Length, EntryBytes);

    /// <summary>Gets the bytes that <see cref="WriteTo(Span{byte})"/> writes.</summary>
    public int SerializedSize => HeaderBytes + (_count * EntryBytes);

    static int ICheckpointable<SpaceSaving>.HeaderSize => HeaderBytes;

    /// <summary>Counts an occurrence of a key.</summary>
    /// <param name="key">The key, for example a hash from <see cref="Hashing"/>.</param>
    /// <param name="weight">The weight of the occurrence; positive.</param>
    public void Add(ulong key, long weight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        _total += weight;
        var entries = _entries.AsSpan(0, _count);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Key == key)
            {
                entries[i] = entries[i] with { Count = entries[i].Count + weight };
                return;
            }
        }

        if (_count < _entries.Length)
        {
            _entries[_count++] = new SpaceSavingEntry(key, weight, 0);
            return;
        }

        var minimum = IndexOfMinimum();
        var floor = _entries[minimum].Count;
        _entries[minimum] = new SpaceSavingEntry(key, floor + weight, floor);
    }

    /// <summary>Gets a key's entry if the key is monitored.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entry">The entry, or <see langword="default"/> when the key is not monitored (its true count is then at most <see cref="MinCount"/>).</param>
    /// <returns><see langword="true"/> when the key is monitored.</returns>
    public bool TryGetEntry(ulong key, out SpaceSavingEntry entry)
    {
        foreach (var candidate in _entries.AsSpan(0, _count))
        {
            if (candidate.Key == key)
            {
                entry = candidate;
                return true;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>Copies the monitored entries, largest count first (ties by key), without allocating.</summary>
    /// <param name="destination">Where to write; the top <c>destination.Length</c> entries are written when it is shorter than <see cref="Count"/>.</param>
    /// <returns>How many entries were written.</returns>
    public int CopyTopTo(Span<SpaceSavingEntry> destination)
    {
        var entries = _entries.AsSpan(0, _count);
        if (destination.Length == 1 && entries.Length > 0)
        {
            // The most frequent key alone, as detection asks for it, takes one pass.
            var top = entries[0];
            foreach (var entry in entries[1..])
            {
                if (Precedes(entry, top))
                {
                    top = entry;
                }
            }

            destination[0] = top;
            return 1;
        }

        Span<SpaceSavingEntry> sorted = stackalloc SpaceSavingEntry[_count];
        entries.CopyTo(sorted);
        SortByCountDescending(sorted);
        var written = Math.Min(sorted.Length, destination.Length);
        sorted[..written].CopyTo(destination);
        return written;
    }

    /// <summary>Gets the monitored entries, largest count first (ties by key).</summary>
    /// <param name="maxItems">The most entries to return.</param>
    /// <returns>At most <paramref name="maxItems"/> entries.</returns>
    public IReadOnlyList<SpaceSavingEntry> GetTop(int maxItems = MaxCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        var top = new SpaceSavingEntry[Math.Min(maxItems, _count)];
        CopyTopTo(top);
        return top;
    }

    /// <summary>Merges another summary into this one, which then summarises both streams.</summary>
    /// <param name="other">A summary of the same capacity.</param>
    public void Merge(SpaceSaving other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Capacity != Capacity)
        {
            throw new ArgumentException($"Cannot merge a capacity-{other.Capacity} summary into a capacity-{Capacity} summary.", nameof(other));
        }

        var ownFloor = MinCount;
        var otherFloor = other.MinCount;
        var own = _entries.AsSpan(0, _count);
        var theirs = other._entries.AsSpan(0, other._count);
        Span<SpaceSavingEntry> combined = stackalloc SpaceSavingEntry[own.Length + theirs.Length];
        var length = 0;
        foreach (var entry in own)
        {
            combined[length++] = other.TryGetEntry(entry.Key, out var match)
                ? new SpaceSavingEntry(entry.Key, entry.Count + match.Count, entry.Error + match.Error)
                : new SpaceSavingEntry(entry.Key, entry.Count + otherFloor, entry.Error + otherFloor);
        }

        foreach (var entry in theirs)
        {
            if (!TryGetEntry(entry.Key, out _))
            {
                combined[length++] = new SpaceSavingEntry(entry.Key, entry.Count + ownFloor, entry.Error + ownFloor);
            }
        }

        combined = combined[..length];
        SortByCountDescending(combined);
        _count = Math.Min(length, _entries.Length);
        combined[.._count].CopyTo(_entries);
        _total += other._total;
    }

    /// <summary>Writes the summary: kind, version, capacity, entry count, total, then each entry's key, count and error.</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public int WriteTo(Span<byte> destination)
    {
        var size = SerializedSize;
        SketchSerialization.EnsureDestination(destination, size, SketchKind.SpaceSaving);
        SketchSerialization.WritePreamble(destination, SketchKind.SpaceSaving);
        var cursor = destination[SketchSerialization.PreambleSize..];
        BinaryPrimitives.WriteUInt16LittleEndian(cursor, (ushort)Capacity);
        BinaryPrimitives.WriteUInt16LittleEndian(cursor[2..], (ushort)_count);
        BinaryPrimitives.WriteInt64LittleEndian(cursor[4..], _total);
        cursor = destination[HeaderBytes..];
        foreach (var entry in _entries.AsSpan(0, _count))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(cursor, entry.Key);
            BinaryPrimitives.WriteInt64LittleEndian(cursor[8..], entry.Count);
            BinaryPrimitives.WriteInt64LittleEndian(cursor[16..], entry.Error);
            cursor = cursor[EntryBytes..];
        }

        return size;
    }

    /// <summary>Writes the summary in the form of <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(BinaryWriter writer) => SketchSerialization.Write(this, writer);

    /// <summary>Reads a summary written by <see cref="WriteTo(Span{byte})"/>.</summary>
    /// <param name="source">The bytes, starting with the summary.</param>
    /// <param name="bytesRead">The bytes the summary occupied.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid summary.</exception>
    public static SpaceSaving ReadFrom(ReadOnlySpan<byte> source, out int bytesRead)
    {
        bytesRead = SerializedSizeFromHeader(source);
        SketchSerialization.EnsureSource(source, bytesRead, SketchKind.SpaceSaving);
        var summary = new SpaceSaving(BinaryPrimitives.ReadUInt16LittleEndian(source[SketchSerialization.PreambleSize..]));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(source[(SketchSerialization.PreambleSize + 2)..]);
        var total = BinaryPrimitives.ReadInt64LittleEndian(source[(SketchSerialization.PreambleSize + 4)..]);
        var cursor = source[HeaderBytes..bytesRead];
        long countSum = 0;
        for (var i = 0; i < count; i++)
        {
            var entry = new SpaceSavingEntry(
                BinaryPrimitives.ReadUInt64LittleEndian(cursor),
                BinaryPrimitives.ReadInt64LittleEndian(cursor[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(cursor[16..]));
            if (entry.Count <= 0 || entry.Error < 0 || entry.Error >= entry.Count)
            {
                throw new InvalidDataException($"SpaceSaving entry {i} has count {entry.Count} and error {entry.Error}; a count is positive and exceeds its error.");
            }

            if (summary.TryGetEntry(entry.Key, out _))
            {
                throw new InvalidDataException($"SpaceSaving key {entry.Key} appears twice.");
            }

            countSum += entry.Count;
            summary._entries[summary._count++] = entry;
            cursor = cursor[EntryBytes..];
        }

        if (countSum > total)
        {
            throw new InvalidDataException($"SpaceSaving counts sum to {countSum}, more than the total {total}.");
        }

        summary._total = total;
        return summary;
    }

    /// <summary>Reads a summary written by <see cref="WriteTo(BinaryWriter)"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid summary.</exception>
    public static SpaceSaving ReadFrom(BinaryReader reader) => SketchSerialization.Read<SpaceSaving>(reader);

    static int ICheckpointable<SpaceSaving>.SerializedSizeFromHeader(ReadOnlySpan<byte> header) => SerializedSizeFromHeader(header);

    private static int SerializedSizeFromHeader(ReadOnlySpan<byte> header)
    {
        SketchSerialization.ReadPreamble(header, SketchKind.SpaceSaving);
        SketchSerialization.EnsureSource(header, HeaderBytes, SketchKind.SpaceSaving);
        int capacity = BinaryPrimitives.ReadUInt16LittleEndian(header[SketchSerialization.PreambleSize..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(header[(SketchSerialization.PreambleSize + 2)..]);
        if (capacity is < 1 or > MaxCapacity || count > capacity)
        {
            throw new InvalidDataException($"SpaceSaving capacity {capacity} with {count} entries is invalid; capacity is in [1, {MaxCapacity}].");
        }

        return HeaderBytes + (count * EntryBytes);
    }

    private static int CompareByCountDescending(SpaceSavingEntry left, SpaceSavingEntry right)
    {
        var byCount = right.Count.CompareTo(left.Count);
        return byCount != 0 ? byCount : left.Key.CompareTo(right.Key);
    }

    /// <summary>Gets whether <paramref name="left"/> comes before <paramref name="right"/>: a larger count, or an equal count and a smaller key.</summary>
    private static bool Precedes(in SpaceSavingEntry left, in SpaceSavingEntry right) =>
        left.Count > right.Count || (left.Count == right.Count && left.Key < right.Key);

    /// <summary>Sorts entries largest count first, ties by key.</summary>
    /// <remarks>
    /// The keys are distinct, so the order is total and every correct sort gives the same result. A merge sorts at
    /// most 2k entries (16 for per-subject state), where insertion sort without a comparison delegate is fastest.
    /// </remarks>
    private static void SortByCountDescending(Span<SpaceSavingEntry> entries)
    {
        if (entries.Length > InsertionSortLimit)
        {
            entries.Sort(CompareByCountDescending);
            return;
        }

        for (var i = 1; i < entries.Length; i++)
        {
            var entry = entries[i];
            var j = i - 1;
            while (j >= 0 && Precedes(entry, entries[j]))
            {
                entries[j + 1] = entries[j];
                j--;
            }

            entries[j + 1] = entry;
        }
    }

    private int IndexOfMinimum()
    {
        var entries = _entries.AsSpan(0, _count);
        var minimum = 0;
        for (var i = 1; i < entries.Length; i++)
        {
            if (entries[i].Count < entries[minimum].Count)
            {
                minimum = i;
            }
        }

        return minimum;
    }
}
