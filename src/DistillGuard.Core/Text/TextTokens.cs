using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DistillGuard.Core.Text;

/// <summary>
/// Splits text into normalised word tokens, as 64-bit hashes, without allocating a string per token.
/// </summary>
/// <remarks>
/// Letters and digits form words (lower-cased; every digit becomes <c>0</c> so that numbers in a template's slot
/// do not change its skeleton). Ideographic, kana and Hangul characters have no reliable word boundary, so each one
/// is a token of its own and phrase matching uses character n-grams over them (see <see cref="PhraseLexicon"/>).
/// </remarks>
internal static class TextTokens
{
    /// <summary>The most characters of a prompt that feature extraction reads; longer prompts are cut.</summary>
    public const int MaxChars = 8192;

    /// <summary>Hashes a token's characters (already normalised) with XxHash3.</summary>
    public static ulong Hash(ReadOnlySpan<char> chars) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(chars));

    // FNV-1a's offset basis and prime, over the normalised characters of a token.
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    // In text that is not all ASCII, this many ASCII characters in a row hand the rest of their run to the ASCII loop.
    private const int AsciiRunLength = 16;

    // What each ASCII character does to the token being built.
    private static readonly AsciiStep[] AsciiSteps = BuildAsciiSteps();

    /// <summary>Writes the hashes of <paramref name="text"/>'s tokens, in order, into <paramref name="tokens"/>.</summary>
    /// <param name="text">The text; only its first <see cref="MaxChars"/> characters are read.</param>
    /// <param name="tokens">
    /// Receives the token hashes; tokenising stops when it is full. Elements after the returned count may be
    /// overwritten.
    /// </param>
    /// <returns>How many tokens were written (0 when <paramref name="tokens"/> is empty).</returns>
    /// <remarks>
    /// <para>
    /// A token's hash is built while its characters are read (FNV-1a over the normalised characters, finished with a
    /// 64-bit mixer), so no token is copied.
    /// </para>
    /// <para>
    /// ASCII text, by far the most common, takes a loop without data-dependent branches: a table gives each
    /// character's effect on the hash as a mask, an XOR and a multiplier, and the hash so far is stored at the next
    /// token position on every character but kept (the count advanced) only where a separator ends a word. The hashes
    /// are finished afterwards. Other text goes character by character and hands long ASCII runs to the same loop.
    /// </para>
    /// </remarks>
    public static int Tokenize(ReadOnlySpan<char> text, Span<ulong> tokens)
    {
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }

        if (tokens.IsEmpty)
        {
            return 0;
        }

        if (text.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return TokenizeMixed(text, tokens);
        }

        var h = Offset;
        var inWord = 0;
        var count = HashAsciiRun(text, tokens, 0, ref h, ref inWord);
        if (count < tokens.Length && inWord != 0)
        {
            tokens[count++] = h;
        }

        foreach (ref var token in tokens[..count])
        {
            token = Finish(token);
        }

        return count;
    }

    /// <summary>Hashes a run of ASCII characters, writing the unfinished hashes of the words it ends.</summary>
    /// <param name="run">The characters, all ASCII.</param>
    /// <param name="tokens">Receives the hashes.</param>
    /// <param name="count">How many tokens were written before the run; less than the length of <paramref name="tokens"/>.</param>
    /// <param name="hash">The unfinished hash of the word in progress, carried in and out.</param>
    /// <param name="inWord">1 while a word is in progress, else 0; carried in and out.</param>
    /// <returns>How many tokens are written now; the run is cut short when <paramref name="tokens"/> is full.</returns>
    private static int HashAsciiRun(ReadOnlySpan<char> run, Span<ulong> tokens, int count, ref ulong hash, ref int inWord)
    {
        var steps = AsciiSteps;

        // Locals rather than the references, so that the hash stays in a register.
        var h = hash;
        var word = inWord;
        foreach (var c in run)
        {
            ref readonly var step = ref steps[c & 0x7F];
            tokens[count] = h;
            count += step.Ends & word;
            h = ((h & step.Mask) ^ step.Xor) * step.Multiplier;
            word = (word & step.Keeps) | step.Starts;
            if (count == tokens.Length)
            {
                break;
            }
        }

        hash = h;
        inWord = word;
        return count;
    }

    /// <summary>Tokenises text that has characters beyond ASCII, writing finished hashes.</summary>
    private static int TokenizeMixed(ReadOnlySpan<char> text, Span<ulong> tokens)
    {
        var steps = AsciiSteps;
        var count = 0;
        var h = Offset;
        var inWord = false;
        var asciiInRow = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            uint n;
            if (ch < 128)
            {
                if (++asciiInRow == AsciiRunLength)
                {
                    var rest = text[i..];
                    var end = rest.IndexOfAnyExceptInRange('\0', '\u007F');
                    var run = end < 0 ? rest : rest[..end];
                    var runHash = h;
                    var runWord = inWord ? 1 : 0;
                    var first = count;
                    count = HashAsciiRun(run, tokens, count, ref runHash, ref runWord);
                    foreach (ref var token in tokens[first..count])
                    {
                        token = Finish(token);
                    }

                    if (count == tokens.Length)
                    {
                        return count;
                    }

                    h = runHash;
                    inWord = runWord != 0;
                    i += run.Length - 1;
                    asciiInRow = 0;
                    continue;
                }

                ref readonly var step = ref steps[ch];
                if (step.Keeps != 0)
                {
                    continue; // "don't" and "dont" are one word
                }

                n = step.Starts != 0 ? (uint)step.Xor : 0;
            }
            else
            {
                asciiInRow = 0;
                if (IsIdeographic(ch))
                {
                    if (inWord)
                    {
                        tokens[count++] = Finish(h);
                        h = Offset;
                        inWord = false;
                        if (count == tokens.Length)
                        {
                            return count;
                        }
                    }

                    tokens[count++] = Finish((Offset ^ ch) * Prime);
                    if (count == tokens.Length)
                    {
                        return count;
                    }

                    continue;
                }

                if (char.IsLetterOrDigit(ch))
                {
                    n = char.IsDigit(ch) ? '0' : char.ToLowerInvariant(ch);
                }
                else if (ch == '\u2019')
                {
                    continue; // typographic apostrophe
                }
                else
                {
                    n = 0;
                }
            }

            if (n != 0)
            {
                h = (h ^ n) * Prime;
                inWord = true;
            }
            else if (inWord)
            {
                tokens[count++] = Finish(h);
                h = Offset;
                inWord = false;
                if (count == tokens.Length)
                {
                    return count;
                }
            }
        }

        if (inWord)
        {
            tokens[count++] = Finish(h);
        }

        return count;
    }

    private static ulong Finish(ulong h)
    {
        // SplitMix64's finaliser: the high bits, which sketches index by, depend on every input bit.
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    private static AsciiStep[] BuildAsciiSteps()
    {
        var steps = new AsciiStep[128];
        for (var c = 0; c < steps.Length; c++)
        {
            steps[c] = c switch
            {
                // Letters, digits and the underscore make words: lower-cased, every digit 0.
                (>= 'a' and <= 'z') or '_' => AsciiStep.Word((uint)c),
                >= 'A' and <= 'Z' => AsciiStep.Word((uint)c | 0x20),
                >= '0' and <= '9' => AsciiStep.Word('0'),
                '\'' => AsciiStep.Skip, // "don't" and "dont" are one word
                _ => AsciiStep.Separator,
            };
        }

        return steps;
    }

    /// <summary>Gets whether a character is written without spaces between words (CJK ideographs, kana, Hangul).</summary>
    public static bool IsIdeographic(char c) =>
        c is (>= '\u3040' and <= '\u30FF') // hiragana, katakana
            or (>= '\u3400' and <= '\u4DBF') // CJK extension A
            or (>= '\u4E00' and <= '\u9FFF') // CJK unified ideographs
            or (>= '\uAC00' and <= '\uD7AF') // Hangul syllables
            or (>= '\uF900' and <= '\uFAFF'); // CJK compatibility

    /// <summary>Puts a text on one line and trims it for display in evidence, cut to <paramref name="maxChars"/> with an ellipsis.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxChars">The longest quote.</param>
    /// <returns><c>text.ReplaceLineEndings(" ").Trim()</c>, or its first <paramref name="maxChars"/> − 1 characters and "…".</returns>
    /// <remarks>Reads only as far into <paramref name="text"/> as the quote needs, and allocates only the quote.</remarks>
    public static string Quote(ReadOnlySpan<char> text, int maxChars = 120)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        Span<char> quote = maxChars <= 256 ? stackalloc char[maxChars] : new char[maxChars];

        // Line endings are white space, so leading ones go with the rest of the leading white space.
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var written = 0;
        while (i < text.Length && written < maxChars)
        {
            var c = text[i++];
            if (c == '\r' && i < text.Length && text[i] == '\n')
            {
                i++; // CR LF is one line ending
            }

            quote[written++] = c is '\r' or '\n' or '\f' or '\u0085' or '\u2028' or '\u2029' ? ' ' : c;
        }

        // The trimmed text is longer than the quote only if something other than white space follows.
        if (written == maxChars && !text[i..].TrimStart().IsEmpty)
        {
            return string.Concat(quote[..(maxChars - 1)], "…");
        }

        return new string(quote[..written].TrimEnd());
    }

    /// <summary>Formats a share as a percentage for evidence.</summary>
    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>What one ASCII character does to the token being built: the hash becomes <c>((h &amp; Mask) ^ Xor) * Multiplier</c>.</summary>
    /// <remarks>
    /// A word character takes FNV-1a's step with its normalised character; a separator resets the hash to the offset
    /// basis and ends the word in progress; a skipped character (the apostrophe) changes nothing.
    /// </remarks>
    private readonly struct AsciiStep
    {
        private AsciiStep(ulong mask, ulong xor, ulong multiplier, int ends, int keeps, int starts)
        {
            Mask = mask;
            Xor = xor;
            Multiplier = multiplier;
            Ends = ends;
            Keeps = keeps;
            Starts = starts;
        }

        /// <summary>Gets the step of a separator.</summary>
        public static AsciiStep Separator => new(0, Offset, 1, ends: 1, keeps: 0, starts: 0);

        /// <summary>Gets the step of a skipped character.</summary>
        public static AsciiStep Skip => new(ulong.MaxValue, 0, 1, ends: 0, keeps: 1, starts: 0);

        /// <summary>Gets the mask applied to the hash: none for a separator, all bits otherwise.</summary>
        public ulong Mask { get; }

        /// <summary>Gets the value XORed into the masked hash: a word character's normalised character, a separator's offset basis.</summary>
        public ulong Xor { get; }

        /// <summary>Gets the multiplier: FNV's prime for a word character, else 1.</summary>
        public ulong Multiplier { get; }

        /// <summary>Gets 1 for a separator, which ends a word in progress, else 0.</summary>
        public int Ends { get; }

        /// <summary>Gets 1 for a skipped character, which leaves a word in progress as it is, else 0.</summary>
        public int Keeps { get; }

        /// <summary>Gets 1 for a word character, which starts or continues a word, else 0.</summary>
        public int Starts { get; }

        /// <summary>Gets the step of a word character.</summary>
        /// <param name="normalised">The character as it is hashed.</param>
        public static AsciiStep Word(uint normalised) => new(ulong.MaxValue, normalised, Prime, ends: 0, keeps: 0, starts: 1);
    }
}
