using System.Numerics;

namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>
/// The simulator's only source of randomness: a seeded xoshiro256** generator with the distributions the simulation
/// needs.
/// </summary>
/// <remarks>
/// xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021) seeded through
/// SplitMix64, as its authors recommend. The algorithm is fixed here rather than borrowed from <see cref="Random"/> so
/// that the same seed yields the same traffic on every runtime version. Every actor owns a generator forked from the
/// simulation's root generator in a fixed order, so actors do not disturb each other's streams.
/// </remarks>
internal sealed class SimRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareNormal;

    public SimRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Creates a generator whose stream depends only on the two values, for state keyed by time (a proxy pool's live set in a given hour).</summary>
    public static SimRandom Keyed(ulong salt, long key)
    {
        var x = salt ^ unchecked((ulong)key * 0x9E3779B97F4A7C15UL);
        return new SimRandom(SplitMix64(ref x));
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Creates an independent generator seeded from this one.</summary>
    public SimRandom Fork() => new(NextUInt64());

    /// <summary>Returns a double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns an integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 1)
        {
            return 0;
        }

        // Lemire's multiply-high reduction; the bias for 32-bit bounds is below 2^-32.
        return (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
    }

    /// <summary>Returns an integer in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive) =>
        maxExclusive <= minInclusive ? minInclusive : minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>Returns an integer in [range.Min, range.Max].</summary>
    public int In(IntRange range) => Next(range.Min, range.Max + 1);

    /// <summary>Returns a double in [range.Min, range.Max).</summary>
    public double In(DoubleRange range) => Uniform(range.Min, range.Max);

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0)
        {
            throw new InvalidOperationException("Cannot pick from an empty list.");
        }

        return items[Next(items.Count)];
    }

    /// <summary>Picks an item with probability proportional to its weight.</summary>
    public T PickWeighted<T>(IReadOnlyList<Weighted<T>> items)
    {
        var total = 0.0;
        for (var i = 0; i < items.Count; i++)
        {
            total += items[i].Weight;
        }

        var target = NextDouble() * total;
        for (var i = 0; i < items.Count; i++)
        {
            target -= items[i].Weight;
            if (target < 0)
            {
                return items[i].Item;
            }
        }

        return items[^1].Item;
    }

    /// <summary>Picks an index with probability proportional to the weight at that index.</summary>
    public int PickIndex(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        var target = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>Returns a standard normal deviate (Marsaglia's polar method).</summary>
    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return u * factor;
    }

    /// <summary>Returns a log-normal deviate with the given median and shape.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>Returns an exponential deviate with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1 - NextDouble());

    /// <summary>Returns a Poisson deviate (Knuth's method for small means, a rounded normal for large ones).</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 40)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal())));
        }

        var limit = Math.Exp(-mean);
        var product = NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= NextDouble();
            count++;
        }

        return count;
    }

    /// <summary>Returns lower-case hexadecimal digits.</summary>
    public string Hex(int length)
    {
        const string Digits = "0123456789abcdef";
        return string.Create(length, this, static (span, random) =>
        {
            var bits = 0UL;
            for (var i = 0; i < span.Length; i++)
            {
                if (i % 16 == 0)
                {
                    bits = random.NextUInt64();
                }

                span[i] = Digits[(int)(bits & 0xF)];
                bits >>= 4;
            }
        });
    }

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Picks <paramref name="count"/> distinct items (fewer when the list is shorter).</summary>
    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var copy = items.ToList();
        Shuffle(copy);
        return copy.GetRange(0, Math.Min(count, copy.Count));
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
