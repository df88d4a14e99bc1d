namespace DistillGuard.Core.Sketches;

/// <summary>
/// A fixed family of multiply-add-shift hash functions h_i(x) = (a_i * x + b_i) &gt;&gt; 32 with odd 64-bit a_i
/// (Dietzfelbinger, "Universal hashing and k-wise independent random variables via integer arithmetic without
/// primes", STACS 1996), applied to an already mixed 64-bit key.
/// </summary>
/// <remarks>
/// The coefficients come from SplitMix64 on a fixed seed, so every process derives the same family and sketches
/// built on different machines stay comparable and mergeable. A caller's seed enters through the key, which is
/// mixed with it first (<see cref="Prepare"/>). The tables are written once by the type initialiser and only read
/// afterwards.
/// </remarks>
internal static class UniversalHashFamily
{
    /// <summary>The number of functions in the family.</summary>
    public const int Size = 1024;

    private const ulong CoefficientSeed = 0x6A09E667F3BCC908UL;

    private static readonly ulong[] Multipliers = CreateCoefficients(CoefficientSeed, odd: true);
    private static readonly ulong[] Addends = CreateCoefficients(~CoefficientSeed, odd: false);

    /// <summary>Gets the first <paramref name="count"/> multipliers.</summary>
    public static ReadOnlySpan<ulong> GetMultipliers(int count) => Multipliers.AsSpan(0, count);

    /// <summary>Gets the first <paramref name="count"/> addends.</summary>
    public static ReadOnlySpan<ulong> GetAddends(int count) => Addends.AsSpan(0, count);

    /// <summary>Mixes a key with a sketch's seed, so that sketches with different seeds use independent functions.</summary>
    public static ulong Prepare(ulong key, long seed) => Hashing.Hash(key, seed);

    /// <summary>Evaluates h_i on a prepared key.</summary>
    public static uint Evaluate(ulong multiplier, ulong addend, ulong preparedKey) =>
        (uint)(((multiplier * preparedKey) + addend) >> 32);

    private static ulong[] CreateCoefficients(ulong seed, bool odd)
    {
        var values = new ulong[Size];
        var state = seed;
        for (var i = 0; i < values.Length; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var value = Hashing.Mix(state);
            values[i] = odd ? value | 1UL : value;
        }

        return values;
    }
}
