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
            _anchors.Add(Window(tokens));
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

        // Harness wrappers are short: look for the item's start near the beginning or after a few-shot prefix.
        var last = tokens.Length - AnchorTokens;
        for (var i = 0; i <= last; i++)
        {
            if (_anchors.Contains(Window(tokens.Slice(i, AnchorTokens))))
            {
                return true;
            }
        }

        return false;
    }

    private static ulong Window(ReadOnlySpan<ulong> tokens)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var t in tokens)
        {
            h = (h ^ t) * 0x100000001B3UL;
        }

        return h;
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
