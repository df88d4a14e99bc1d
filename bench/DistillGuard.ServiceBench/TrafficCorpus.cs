using DistillGuard.Ingest;
using DistillGuard.Simulation.Simulator;

namespace DistillGuard.ServiceBench;

/// <summary>
/// The dg-exchange/1 traffic every pass works on, held in memory so that neither the batch pass nor the HTTP senders
/// measure the disk: the bytes, and the bodies they are cut into for <c>POST /v1/exchanges</c>.
/// </summary>
public sealed class TrafficCorpus
{
    private TrafficCorpus(string source, byte[] bytes, IReadOnlyList<IngestBody> bodies, long lines)
    {
        Source = source;
        Bytes = bytes;
        Bodies = bodies;
        Lines = lines;
    }

    /// <summary>Gets where the traffic came from: a file, or the simulator's seed and scale.</summary>
    public string Source { get; }

    /// <summary>Gets the uncompressed dg-exchange/1 lines.</summary>
    public byte[] Bytes { get; }

    /// <summary>Gets the bodies, in file order, each a run of whole lines.</summary>
    public IReadOnlyList<IngestBody> Bodies { get; }

    /// <summary>Gets the number of non-blank lines.</summary>
    public long Lines { get; }

    /// <summary>Gets the first <paramref name="bodies"/> bodies as a corpus of their own (for warming up).</summary>
    public TrafficCorpus Prefix(int bodies)
    {
        var taken = Bodies.Take(bodies).ToList();
        var end = taken.Count == 0 ? 0 : taken[^1].Offset + taken[^1].Count;
        return new TrafficCorpus(Source + " (warm-up prefix)", Bytes[..end], taken, taken.Sum(b => (long)b.Lines));
    }

    /// <summary>Reads <paramref name="path"/> (gzip or plain), or simulates traffic when it is null.</summary>
    public static async Task<TrafficCorpus> LoadAsync(string? path, int seed, double scale, int linesPerBody, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerBody, 1);
        using var buffer = new MemoryStream();
        string source;
        if (path is null)
        {
            await Task.Run(() => TrafficSimulator.Run(Scenario.Default, seed, scale, buffer, Stream.Null, cancellationToken), cancellationToken).ConfigureAwait(false);
            source = $"simulated: default scenario, seed {seed}, scale {scale.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}";
        }
        else
        {
            await using var input = ExchangeInput.Open(path);
            await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            source = Path.GetFullPath(path);
        }

        var bytes = buffer.ToArray();
        var (bodies, lines) = Cut(bytes, linesPerBody);
        return new TrafficCorpus(source, bytes, bodies, lines);
    }

    private static (List<IngestBody> Bodies, long Lines) Cut(byte[] bytes, int linesPerBody)
    {
        var bodies = new List<IngestBody>();
        long total = 0;
        int start = 0, position = 0, inBody = 0;
        while (position < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', position);
            var end = newline < 0 ? bytes.Length : newline + 1;
            if (!IsBlank(bytes.AsSpan(position, end - position)))
            {
                inBody++;
                total++;
            }

            position = end;
            if (inBody == linesPerBody)
            {
                bodies.Add(new IngestBody(start, position - start, inBody));
                start = position;
                inBody = 0;
            }
        }

        if (inBody > 0)
        {
            bodies.Add(new IngestBody(start, position - start, inBody));
        }

        return (bodies, total);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim("\r\n\t "u8).IsEmpty;
}
