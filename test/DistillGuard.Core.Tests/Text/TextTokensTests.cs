using DistillGuard.Core.Text;

namespace DistillGuard.Core.Tests.Text;

public sealed class TextTokensTests
{
    // What Quote must equal: the text on one line, trimmed, cut with an ellipsis.
    private static string Expected(string text, int maxChars)
    {
        var t = text.ReplaceLineEndings(" ").Trim();
        return t.Length <= maxChars ? t : string.Concat(t.AsSpan(0, maxChars - 1), "…");
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
}
