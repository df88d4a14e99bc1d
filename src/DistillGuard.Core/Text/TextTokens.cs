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
    public static int Tokenize(ReadOnlySpan<char> text, Span<ulong> tokens)
    {
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }

        Span<char> buffer = stackalloc char[48];
        var count = 0;
        var length = 0;
        for (var i = 0; i < text.Length && count < tokens.Length; i++)
        {
            var c = text[i];
            if (IsIdeographic(c))
            {
                if (length > 0)
                {
                    tokens[count++] = Hash(buffer[..length]);
                    length = 0;
                    if (count == tokens.Length)
                    {
                        break;
                    }
                }

                tokens[count++] = Hash(text.Slice(i, 1));
                continue;
            }

            if (c == '\'')
            {
                continue; // "don't" and "dont" are one word
            }

            if (char.IsLetterOrDigit(c) || c == '_')
            {
                if (length < buffer.Length)
                {
                    buffer[length++] = char.IsDigit(c) ? '0' : char.ToLowerInvariant(c);
                }

                continue;
            }

            if (length > 0)
            {
                tokens[count++] = Hash(buffer[..length]);
                length = 0;
            }
        }

        if (length > 0 && count < tokens.Length)
        {
            tokens[count++] = Hash(buffer[..length]);
        }

        return count;
    }

    /// <summary>Gets whether a character is written without spaces between words (CJK ideographs, kana, Hangul).</summary>
    public static bool IsIdeographic(char c) =>
        c is (>= '\u3040' and <= '\u30FF') // hiragana, katakana
            or (>= '\u3400' and <= '\u4DBF') // CJK extension A
            or (>= '\u4E00' and <= '\u9FFF') // CJK unified ideographs
            or (>= '\uAC00' and <= '\uD7AF') // Hangul syllables
            or (>= '\uF900' and <= '\uFAFF'); // CJK compatibility

    /// <summary>Gets the dominant writing system of a text, for evidence and language-aware signals.</summary>
    public static Script DetectScript(ReadOnlySpan<char> text)
    {
        int latin = 0, cyrillic = 0, han = 0, kana = 0, hangul = 0, arabic = 0, other = 0;
        var limit = Math.Min(text.Length, 2048);
        for (var i = 0; i < limit; i++)
        {
            var c = text[i];
            if (!char.IsLetter(c))
            {
                continue;
            }

            switch (c)
            {
                case <= '\u024F': latin++; break;
                case >= '\u0400' and <= '\u04FF': cyrillic++; break;
                case >= '\u0600' and <= '\u06FF': arabic++; break;
                case >= '\u3040' and <= '\u30FF': kana++; break;
                case >= '\u4E00' and <= '\u9FFF': han++; break;
                case >= '\uAC00' and <= '\uD7AF': hangul++; break;
                default: other++; break;
            }
        }

        // Kana marks Japanese even when kanji outnumber it; han alone is Chinese.
        if (kana > 0 && kana * 5 >= han)
        {
            return Script.Japanese;
        }

        Span<int> counts = [latin, cyrillic, han, hangul, arabic, other];
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return counts[best] == 0 ? Script.None : best switch
        {
            0 => Script.Latin,
            1 => Script.Cyrillic,
            2 => Script.Han,
            3 => Script.Hangul,
            4 => Script.Arabic,
            _ => Script.Other,
        };
    }

    /// <summary>Lower-cases and trims a value for display in evidence.</summary>
    public static string Quote(string text, int maxChars = 120)
    {
        var t = text.ReplaceLineEndings(" ").Trim();
        return t.Length <= maxChars ? t : string.Concat(t.AsSpan(0, maxChars - 1), "…");
    }

    /// <summary>Formats a share as a percentage for evidence.</summary>
    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
