using System.Text;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Tests.Sketches;

/// <summary>Deterministic test streams derived from a property's seed.</summary>
internal static class SketchTestData
{
    /// <summary>Gets the i-th distinct hash of a seeded universe (distinct because <see cref="Hashing.Hash(ulong, long)"/> is a bijection).</summary>
    public static ulong Item(long seed, long index) => Hashing.Hash((ulong)index, seed);

    /// <summary>Draws a skewed stream of keys: key i has weight about 1/(i+1)^s (Zipf), so some keys are heavy and many are rare.</summary>
    public static (ulong Key, long Weight)[] ZipfStream(Random random, int length, int universe, double exponent, int maxWeight)
    {
        var cumulative = new double[universe];
        var sum = 0.0;
        for (var i = 0; i < universe; i++)
        {
            sum += 1 / Math.Pow(i + 1, exponent);
            cumulative[i] = sum;
        }

        var stream = new (ulong, long)[length];
        for (var i = 0; i < length; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            var rank = index >= 0 ? index : Math.Min(~index, universe - 1);
            stream[i] = ((ulong)rank * 0x9E3779B97F4A7C15UL, random.Next(1, maxWeight + 1));
        }

        return stream;
    }

    /// <summary>Counts a stream exactly.</summary>
    public static Dictionary<ulong, long> Exact(IEnumerable<(ulong Key, long Weight)> stream)
    {
        var counts = new Dictionary<ulong, long>();
        foreach (var (key, weight) in stream)
        {
            counts[key] = counts.GetValueOrDefault(key) + weight;
        }

        return counts;
    }

    /// <summary>Asserts that two floating-point results agree up to rounding, relative to their magnitude.</summary>
    public static void AssertClose(double expected, double actual, double relativeTolerance = 1e-9) =>
        Assert.Equal(expected, actual, relativeTolerance * Math.Max(1, Math.Abs(expected)));

    /// <summary>Writes through a <see cref="BinaryWriter"/>, reads back through a <see cref="BinaryReader"/>, and checks that the read consumed exactly what was written.</summary>
    public static T ThroughStream<T>(Action<BinaryWriter> write, Func<BinaryReader, T> read)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var result = read(reader);
        Assert.Equal(stream.Length, stream.Position);
        return result;
    }

    /// <summary>Measures the managed bytes an action allocates on this thread, after one warm-up run (so JIT work is not counted).</summary>
    public static long AllocatedBytes(Action action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Measures the managed bytes a factory allocates for the object it returns (returned, so it cannot live on the stack).</summary>
    public static long FootprintOf(Func<object> create)
    {
        GC.KeepAlive(create());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var created = create();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(created);
        return allocated;
    }

    /// <summary>Gets the bytes of a sketch's serialised form.</summary>
    public static byte[] Serialize(Func<Span<byte>, int> write, int size)
    {
        var buffer = new byte[size];
        var written = write(buffer);
        Assert.Equal(size, written);
        return buffer;
    }
}
