using System.Text.Json;

namespace DistillGuard.Core.Text;

/// <summary>
/// Recognises items of the public benchmark and instruction sets that evaluation harnesses replay (GSM8K, HumanEval,
/// MT-Bench and Vicuna-bench, Self-Instruct, Arena-Hard), shipped in <c>data/corpora</c>.
/// </summary>
/// <remarks>
/// Each item is anchored by the hash of its first <see cref="AnchorTokens"/> normalised tokens. A prompt contains the
/// item when any window of that many tokens hashes to an anchor, so a harness's few-shot prefix or "Answer:" suffix
/// around the item does not hide it. Items shorter than the anchor are anchored by their whole token sequence and
/// match only a prompt that is exactly that item.
/// </remarks>
internal sealed class BenchmarkCatalog
{
    /// <summary>The number of tokens that anchors an item.</summary>
    public const int AnchorTokens = 10;

    private readonly HashSet<ulong> _anchors = [];
    private readonly HashFilter _anchorFilter = new(20);
    private readonly HashSet<ulong> _shortItems = [];

    /// <summary>Gets the catalogue of the sets embedded in this assembly.</summary>
    public static BenchmarkCatalog Default { get; } = LoadEmbedded();

    /// <summary>Gets the number of items.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an item's text.</summary>
    public void Add(string text)
    {
        var tokens = new ulong[AnchorTokens];
        var n = TextTokens.Tokenize(text, tokens);
        if (n == 0)
        {
            return;
        }

        if (n < AnchorTokens)
        {
            _shortItems.Add(Window(tokens.AsSpan(0, n)));
        }
        else
        {
            var anchor = Window(tokens);
            _anchors.Add(anchor);
            _anchorFilter.Add(Mix(anchor));
        }

        Count++;
    }

    /// <summary>Gets whether a prompt's tokens contain a catalogued item.</summary>
    public bool Contains(ReadOnlySpan<ulong> tokens)
    {
        if (tokens.Length < AnchorTokens)
        {
            return tokens.Length > 0 && _shortItems.Contains(Window(tokens));
        }

        // A polynomial hash rolls over the windows: one multiply-add per token instead of one window hash per position.
        var h = Window(tokens[..AnchorTokens]);
        if (_anchorFilter.MightContain(Mix(h)) && _anchors.Contains(h))
        {
            return true;
        }

        for (var i = AnchorTokens; i < tokens.Length; i++)
        {
            h = (h - (tokens[i - AnchorTokens] * HighPower)) * Base + tokens[i];
            if (_anchorFilter.MightContain(Mix(h)) && _anchors.Contains(h))
            {
                return true;
            }
        }

        return false;
    }

    private const ulong Base = 0x100000001B3UL;

    // Base^(AnchorTokens - 1), the weight of the token that leaves the window.
    private static readonly ulong HighPower = Power(Base, AnchorTokens - 1);

    private static ulong Window(ReadOnlySpan<ulong> tokens)
    {
        var h = 0UL;
        foreach (var t in tokens)
        {
            h = h * Base + t;
        }

        return h;
    }

    // The polynomial hash's high bits are biased; the filter indexes by high bits.
    private static ulong Mix(ulong h) => (h ^ (h >> 31)) * 0x9E3779B97F4A7C15UL;

    private static ulong Power(ulong b, int e)
    {
        var r = 1UL;
        for (var i = 0; i < e; i++)
        {
            r *= b;
        }

        return r;
    }

    private static BenchmarkCatalog LoadEmbedded()
    {
        var catalog = new BenchmarkCatalog();
        var assembly = typeof(BenchmarkCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("DistillGuard.Benchmarks.", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"embedded resource {name} is missing");
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("text", out var text) && text.GetString() is { } s)
                {
                    catalog.Add(s);
                }
            }
        }

        return catalog;
    }
}
