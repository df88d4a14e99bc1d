using System.Text;

namespace DistillGuard.Ingest.Reading;

/// <summary>Turns the bytes of a rejected line into the bounded text kept of it in a reject file.</summary>
internal static class RawLineText
{
    /// <summary>The most characters of a rejected line that are kept.</summary>
    public const int MaxChars = 4096;

    /// <summary>The most bytes needed for <see cref="MaxChars"/> characters: UTF-8 takes at most 3 bytes per UTF-16 code unit.</summary>
    public const int MaxBytes = MaxChars * 3;

    /// <summary>Decodes the start of a line, invalid UTF-8 replaced by U+FFFD, cut to <see cref="MaxChars"/> characters.</summary>
    /// <param name="line">The line's bytes.</param>
    /// <returns>At most <see cref="MaxChars"/> characters.</returns>
    public static string From(ReadOnlySpan<byte> line) =>
        Truncate(Encoding.UTF8.GetString(line.Length > MaxBytes ? line[..MaxBytes] : line));

    /// <summary>Cuts a text to <see cref="MaxChars"/> characters without splitting a surrogate pair.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, or its first characters.</returns>
    public static string Truncate(string text)
    {
        if (text.Length <= MaxChars)
        {
            return text;
        }

        int length = char.IsHighSurrogate(text[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
        return text[..length];
    }
}
