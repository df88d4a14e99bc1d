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

    /// <summary>Writes the hashes of <paramref name="text"/>'s tokens, in order, into <paramref name="tokens"/>.</summary>
    /// <param name="text">The text; only its first <see cref="MaxChars"/> characters are read.</param>
    /// <param name="tokens">Receives the token hashes; tokenising stops when it is full.</param>
    /// <returns>How many tokens were written.</returns>
    /// <remarks>
    /// A token's hash is built while its characters are read (FNV-1a over the normalised characters, finished with a
    /// 64-bit mixer), so no token is copied; ASCII takes a table-free fast path.
    /// </remarks>
    public static int Tokenize(ReadOnlySpan<char> text, Span<ulong> tokens)
    {
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }

        const ulong Offset = 14695981039346656037UL;
        const ulong Prime = 1099511628211UL;
        var count = 0;
        var h = Offset;
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (c < 128)
            {
                if ((uint)(c - 'a') <= 'z' - 'a' || c == '_')
                {
                    // as is
                }
                else if ((uint)(c - 'A') <= 'Z' - 'A')
                {
                    c |= 0x20;
                }
                else if ((uint)(c - '0') <= 9)
                {
                    c = '0';
                }
                else if (c == '\'')
                {
                    continue; // "don't" and "dont" are one word
                }
                else
                {
                    if (length > 0)
                    {
                        tokens[count++] = Finish(h);
                        h = Offset;
                        length = 0;
                        if (count == tokens.Length)
                        {
                            return count;
                        }
                    }

                    continue;
                }

                h = (h ^ (uint)c) * Prime;
                length++;
                continue;
            }

            var ch = (char)c;
            if (IsIdeographic(ch))
            {
                if (length > 0)
                {
                    tokens[count++] = Finish(h);
                    h = Offset;
                    length = 0;
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
                var n = char.IsDigit(ch) ? '0' : char.ToLowerInvariant(ch);
                h = (h ^ n) * Prime;
                length++;
                continue;
            }

            if (ch == '\u2019')
            {
                continue; // typographic apostrophe
            }

            if (length > 0)
            {
                tokens[count++] = Finish(h);
                h = Offset;
                length = 0;
                if (count == tokens.Length)
                {
                    return count;
                }
            }
        }

        if (length > 0)
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
}
