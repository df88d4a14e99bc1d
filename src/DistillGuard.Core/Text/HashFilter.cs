using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Text;

/// <summary>
/// A one-hash Bloom filter over 64-bit hashes: answers "certainly absent" with one memory access, so that the set or
/// dictionary behind it is probed only for the few tokens that may be present.
/// </summary>
/// <remarks>
/// Feature extraction looks up every token of every prompt in the phrase, topic and benchmark tables, and nearly all
/// of them are absent; the filter's top bits index a bit array sized for a false-positive rate under 1% at the
/// tables' sizes.
/// </remarks>
internal sealed class HashFilter
{
    private readonly ulong[] _bits;
    private readonly int _shift;

    /// <summary>Initializes a new instance of the <see cref="HashFilter"/> class with 2^<paramref name="log2Bits"/> bits.</summary>
    public HashFilter(int log2Bits)
    {
        _bits = new ulong[Math.Max(1, (1 << log2Bits) / 64)];
        _shift = 64 - log2Bits;
    }

    /// <summary>Adds a hash.</summary>
    public void Add(ulong hash)
    {
        var bit = hash >> _shift;
        _bits[bit >> 6] |= 1UL << (int)(bit & 63);
    }

    /// <summary>Gets whether a hash may have been added (false means certainly not).</summary>
    /// <remarks>Inlined: it sits in the per-token loops, some of which are compiled without profile data.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MightContain(ulong hash)
    {
        var bit = hash >> _shift;
        return (_bits[bit >> 6] & (1UL << (int)(bit & 63))) != 0;
    }
}
