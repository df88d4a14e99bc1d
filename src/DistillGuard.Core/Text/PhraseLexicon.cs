namespace DistillGuard.Core.Text;

/// <summary>
/// A set of phrases (one to <see cref="MaxPhraseTokens"/> tokens each) that each mark one or more concepts, matched
/// over token hashes in one pass.
/// </summary>
/// <remarks>
/// A phrase is tokenised exactly like the text it is matched in (<see cref="TextTokens.Tokenize"/>), so "Chain-of-thought"
/// and "chain of thought" are the same phrase, and a Chinese phrase is a run of single-character tokens. Matching keys
/// a dictionary by a rolling combination of token hashes; a set of phrase-initial tokens prunes positions where no
/// phrase starts, so a text costs about one hash look-up per token.
/// </remarks>
internal sealed class PhraseLexicon
{
    /// <summary>The longest phrase, in tokens.</summary>
    public const int MaxPhraseTokens = 6;

    private readonly Dictionary<ulong, uint> _phrases = [];
    private readonly HashFilter _starts = new(16);
    private readonly Dictionary<ulong, string> _names = [];

    /// <summary>Adds phrases that mark the concepts in <paramref name="concepts"/> (a bit mask).</summary>
    public PhraseLexicon Add(uint concepts, params string[] phrases)
    {
        Span<ulong> tokens = stackalloc ulong[MaxPhraseTokens + 1];
        foreach (var phrase in phrases)
        {
            var n = TextTokens.Tokenize(phrase, tokens);
            if (n is 0 or > MaxPhraseTokens)
            {
                throw new ArgumentException($"phrase '{phrase}' must have 1 to {MaxPhraseTokens} tokens", nameof(phrases));
            }

            var key = Combine(tokens[..n]);
            _phrases[key] = _phrases.GetValueOrDefault(key) | concepts;
            _names.TryAdd(key, phrase);
            _starts.Add(tokens[0]);
        }

        return this;
    }

    /// <summary>Finds the concepts marked in a token sequence.</summary>
    /// <param name="tokens">The text's token hashes.</param>
    /// <param name="firstPhrase">The first phrase matched, for evidence.</param>
    /// <returns>The union of the matched phrases' concept masks.</returns>
    public uint Match(ReadOnlySpan<ulong> tokens, out string? firstPhrase)
    {
        uint found = 0;
        firstPhrase = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!_starts.MightContain(tokens[i]))
            {
                continue;
            }

            var key = Seed;
            var max = Math.Min(MaxPhraseTokens, tokens.Length - i);
            for (var len = 1; len <= max; len++)
            {
                key = Step(key, tokens[i + len - 1]);
                if (_phrases.TryGetValue(key, out var concepts))
                {
                    found |= concepts;
                    firstPhrase ??= _names[key];
                }
            }
        }

        return found;
    }

    private const ulong Seed = 0x9E3779B97F4A7C15;

    private static ulong Step(ulong key, ulong token) => (key ^ token) * 0xBF58476D1CE4E5B9 + 0x94D049BB133111EB;

    private static ulong Combine(ReadOnlySpan<ulong> tokens)
    {
        var key = Seed;
        foreach (var t in tokens)
        {
            key = Step(key, t);
        }

        return key;
    }
}
