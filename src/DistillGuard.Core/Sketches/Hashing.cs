using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace DistillGuard.Core.Sketches;

/// <summary>64-bit hashing of text, bytes and integers for the sketches.</summary>
/// <remarks>
/// <para>
/// Text and bytes go through XXH3-64 (<see cref="XxHash3"/>, Yann Collet's xxHash family): fast, well distributed
/// and stable across processes and machines, so hashes can be checkpointed and compared between runs. Text is
/// hashed as its UTF-8 encoding, so <c>Hash("abc")</c> equals <c>Hash("abc"u8)</c> and a reader that holds raw
/// UTF-8 can hash it without decoding.
/// </para>
/// <para>
/// <see cref="Mix(ulong)"/> is the 64-bit finaliser of SplitMix64 (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014, with Stafford's "Mix13" constants): a bijection with full avalanche,
/// used to derive independent-looking values from one hash.
/// </para>
/// </remarks>
public static class Hashing
{
    private const int StackEncodeLimit = 1024;
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Hashes bytes with XXH3-64.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="seed">The seed; different seeds give independent hash functions.</param>
    /// <returns>The 64-bit hash.</returns>
    public static ulong Hash(ReadOnlySpan<byte> data, long seed = 0) => XxHash3.HashToUInt64(data, seed);

    /// <summary>Hashes text as its UTF-8 encoding with XXH3-64, without allocating for text up to a few hundred characters.</summary>
    /// <param name="text">The text; lone surrogates are hashed as U+FFFD, as UTF-8 encoding replaces them.</param>
    /// <param name="seed">The seed; different seeds give independent hash functions.</param>
    /// <returns>The 64-bit hash, equal to <see cref="Hash(ReadOnlySpan{byte}, long)"/> of the UTF-8 bytes.</returns>
    public static ulong Hash(ReadOnlySpan<char> text, long seed = 0)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (maxBytes <= StackEncodeLimit)
        {
            Span<byte> buffer = stackalloc byte[StackEncodeLimit];
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return XxHash3.HashToUInt64(buffer[..length], seed);
        }

        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            return XxHash3.HashToUInt64(rented.AsSpan(0, length), seed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Hashes a 64-bit value under a seed.</summary>
    /// <param name="value">The value.</param>
    /// <param name="seed">The seed; different seeds give independent hash functions.</param>
    /// <returns>The 64-bit hash.</returns>
    public static ulong Hash(ulong value, long seed = 0) => Mix(value ^ Mix((ulong)seed + GoldenGamma));

    /// <summary>Scrambles a 64-bit value with the SplitMix64 finaliser, a bijection with full avalanche.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The scrambled value.</returns>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>Combines two hashes into one; the order matters.</summary>
    /// <param name="first">The first hash.</param>
    /// <param name="second">The second hash.</param>
    /// <returns>A hash of the pair.</returns>
    public static ulong Combine(ulong first, ulong second) => Mix((first * GoldenGamma) ^ second);
}
