using System.Text;
using DistillGuard.Core.Text;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Text;

public sealed class TextTokensTests
{
    // What Quote must equal: the text on one line, trimmed, cut with an ellipsis.
    private static string Expected(string text, int maxChars)
    {
        var t = text.ReplaceLineEndings(" ").Trim();
        return t.Length <= maxChars ? t : string.Concat(t.AsSpan(0, maxChars - 1), "…");
    }

    // Characters that exercise every branch of tokenising: each ASCII class, Latin-1 and other letters and digits
    // beyond ASCII, both apostrophes, ideographs, kana and Hangul at their range edges, and lone or paired surrogates.
    private static readonly string Alphabet =
        "abcxyzABCXYZ_0159 \t\r\n.,;:!?-'\"()[]{}<>/\\@#$%^&*+=~`|\u007F\u0000"
        + "éÉßøÆ½²³¹\u00A0\u00AD\u0130\u0131ДжЯё٣٠۹०१๓\uFF10\uFF19\u2019\u2018\u2014\u2026\u3000\u3001\u3002"
        + "\u303F\u3040\u3041\u30FF\u3100\u3400\u4DBF\u4DC0\u4E00\u6F22\u9FFF\uA000\uABFF\uAC00\uD55C\uD7AF\uD7B0"
        + "\uD800\uDBFF\uDC00\uDFFF\uF8FF\uF900\uFAFF\uFB00\uFF21\uFF41\uFFFD";

    // Tokenize as it was before the table-driven ASCII loop: the reference every input must match.
    private static int ReferenceTokenize(ReadOnlySpan<char> text, Span<ulong> tokens)
    {
        if (text.Length > TextTokens.MaxChars)
        {
            text = text[..TextTokens.MaxChars];
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
                    continue;
                }
                else
                {
                    if (length > 0)
                    {
                        tokens[count++] = ReferenceFinish(h);
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
            if (TextTokens.IsIdeographic(ch))
            {
                if (length > 0)
                {
                    tokens[count++] = ReferenceFinish(h);
                    h = Offset;
                    length = 0;
                    if (count == tokens.Length)
                    {
                        return count;
                    }
                }

                tokens[count++] = ReferenceFinish((Offset ^ ch) * Prime);
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
                continue;
            }

            if (length > 0)
            {
                tokens[count++] = ReferenceFinish(h);
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
            tokens[count++] = ReferenceFinish(h);
        }

        return count;
    }

    private static ulong ReferenceFinish(ulong h)
    {
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    private static void AssertTokenizeMatchesReference(string text, int capacity)
    {
        var expected = new ulong[capacity];
        var actual = new ulong[capacity];
        var expectedCount = ReferenceTokenize(text, expected);
        var actualCount = TextTokens.Tokenize(text, actual);
        Assert.Equal(expectedCount, actualCount);
        Assert.Equal(expected.AsSpan(0, expectedCount), actual.AsSpan(0, actualCount));
    }

    private const string Words = "the Quick brown FOX's 42 jumps_over don't \t\n 3.14, (x+y)! ";

    // Random text: mostly ASCII words, as prompts are, with runs drawn from the whole alphabet and runs of ideographs.
    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        var mixed = random.Next(3);
        while (text.Length < length)
        {
            switch (random.Next(mixed == 0 ? 4 : 8))
            {
                case 0 or 1 or 2:
                    var from = random.Next(Words.Length);
                    text.Append(Words, from, Math.Min(Words.Length - from, random.Next(1, 12)));
                    break;
                case 3:
                    text.Append((char)random.Next(0, 128));
                    break;
                case 4 or 5:
                    for (var i = random.Next(1, 24); i > 0; i--)
                    {
                        text.Append(Alphabet[random.Next(Alphabet.Length)]);
                    }

                    break;
                case 6:
                    text.Append((char)random.Next(0x3000, 0xA000));
                    break;
                default:
                    text.Append((char)random.Next(128, 0x10000));
                    break;
            }
        }

        return text.ToString(0, length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("short")]
    [InlineData("  \r\n leading and trailing white space \t\r\n")]
    [InlineData("lines\r\nwith\rall\nkinds\u0085of\u2028line\u2029endings\fhere")]
    [InlineData("exactly ten")]
    [InlineData("0123456789")]
    [InlineData("012345678\r\n")]
    [InlineData("01234567\r\n9 and more after the cut")]
    [InlineData("0123456789          ")]
    [InlineData("0123456789          x")]
    [InlineData("\r\n\r\n0123456789\r\n\r\n")]
    [InlineData("a much longer text that goes well beyond the ten characters of the quote")]
    public void Quote_AnyText_EqualsReplaceLineEndingsTrimAndCut(string text)
    {
        foreach (var maxChars in new[] { 1, 2, 9, 10, 11, 120 })
        {
            // Act
            var quote = TextTokens.Quote(text, maxChars);

            // Assert
            Assert.Equal(Expected(text, maxChars), quote);
        }
    }

    [Property(MaxTest = 400)]
    public void Tokenize_RandomText_EqualsReference(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var length = random.Next(4) switch
        {
            0 => random.Next(0, 40),
            1 => random.Next(0, 400),
            2 => random.Next(0, 3_000),
            _ => random.Next(TextTokens.MaxChars - 50, TextTokens.MaxChars + 200),
        };
        var text = RandomText(random, length);

        foreach (var capacity in new[] { 1, 2, random.Next(1, 16), random.Next(1, 200), 512, 5_000 })
        {
            AssertTokenizeMatchesReference(text, capacity);
        }
    }

    [Property(MaxTest = 300)]
    public void Tokenize_LongAsciiText_EqualsReference(DoNotSize<int> seed)
    {
        // Long ASCII text: ordinary words, long runs without a separator, apostrophes and separators at the edges.
        var random = new Random(seed.Item);
        var text = new StringBuilder();
        var length = random.Next(96, 2_500);
        while (text.Length < length)
        {
            switch (random.Next(6))
            {
                case 0:
                    text.Append(new string('x', random.Next(1, 400)));
                    break;
                case 1:
                    text.Append(random.Next(2) == 0 ? " '" : "' ");
                    break;
                case 2:
                    text.Append((char)random.Next(0, 128));
                    break;
                default:
                    text.Append(Words, 0, Math.Min(Words.Length, random.Next(1, 40))).Append(' ');
                    break;
            }
        }

        foreach (var capacity in new[] { 1, 2, random.Next(1, 10), random.Next(1, 60), random.Next(1, 400), 512, 5_000 })
        {
            AssertTokenizeMatchesReference(text.ToString(), capacity);
        }
    }

    [Theory]
    [InlineData(96, 0)]
    [InlineData(97, 48)]
    [InlineData(200, 100)]
    [InlineData(300, 299)]
    public void Tokenize_AsciiWithOneSeparator_EqualsReference(int length, int separatorAt)
    {
        var text = new string('w', separatorAt) + " " + new string('v', length - separatorAt - 1);
        for (var capacity = 1; capacity <= 4; capacity++)
        {
            AssertTokenizeMatchesReference(text, capacity);
        }

        AssertTokenizeMatchesReference(new string('w', length), 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("'")]
    [InlineData("  ")]
    [InlineData("Don't STOP me now, it's 2024 and I'm 99% sure")]
    [InlineData("don\u2019t stop\u2019 \u2019 l'été 's' 'a '' b")]
    [InlineData("snake_case_name __init__ x1y2z3 0x7F 3.14159")]
    [InlineData("日本語のテキストとEnglish混在 한국어 텍스트")]
    [InlineData("Привет, МИР! Ünïcödé ΣΊΣΥΦΟΣ İstanbul ıi")]
    [InlineData("٣٤٥ १२३ １２３ ²³ ½ digits")]
    [InlineData("\uD83D\uDE00 emoji\uD83D\uDE00inside \uD800 lone \uDC00 surrogates\uDBFF")]
    [InlineData("a long ASCII run after a non-ASCII one: é and then plenty of ordinary words to pass the run length")]
    [InlineData("éabcdefghijklmnop qrstuvwxyz0123456789 ABCDEFGHIJKLMNOP é abcdefghijklmnop'qrstuvwxyz é")]
    public void Tokenize_EdgeCases_EqualsReference(string text)
    {
        for (var capacity = 1; capacity <= 40; capacity++)
        {
            AssertTokenizeMatchesReference(text, capacity);
        }
    }

    [Fact]
    public void Tokenize_LongText_IsCutAtMaxCharsAsReference()
    {
        // A word straddles the cut, in ASCII text and in text that is not.
        var ascii = string.Concat(Enumerable.Repeat("word ", TextTokens.MaxChars / 5)) + "straddling the cut";
        var mixed = "é" + ascii;

        foreach (var text in new[] { ascii, mixed, ascii[1..], mixed[..(TextTokens.MaxChars + 3)] })
        {
            foreach (var capacity in new[] { 1, 100, 1_638, 1_639, 1_640, 1_641, 10_000 })
            {
                AssertTokenizeMatchesReference(text, capacity);
            }
        }
    }

    [Fact]
    public void Tokenize_Corpus_EqualsReference()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "humaneval.jsonl");
        foreach (var line in File.ReadLines(path))
        {
            AssertTokenizeMatchesReference(line, 512);
            AssertTokenizeMatchesReference(line, 37);
        }
    }

    [Fact]
    public void Tokenize_NoRoomForTokens_WritesNone()
    {
        Assert.Equal(0, TextTokens.Tokenize("some words", []));
    }
}
