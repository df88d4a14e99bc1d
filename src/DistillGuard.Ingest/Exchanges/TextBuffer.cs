using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>
/// A growable buffer of UTF-16 text that JSON strings are decoded into, so that a text that is only read (hashed,
/// tokenised, joined) costs no string of its own.
/// </summary>
/// <remarks>
/// Decoding goes through <see cref="Utf8JsonReader.CopyString(Span{char})"/>, which unescapes and validates exactly as
/// <see cref="Utf8JsonReader.GetString"/> does (the same exceptions for the same bad input). The buffer keeps its
/// largest size; one per parser, not thread-safe.
/// </remarks>
internal sealed class TextBuffer
{
    private char[] _chars = new char[1024];

    /// <summary>Gets how many characters the buffer holds.</summary>
    public int Length { get; private set; }

    /// <summary>Gets the text.</summary>
    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    /// <summary>Empties the buffer.</summary>
    public void Clear() => Length = 0;

    /// <summary>Keeps only the first <paramref name="length"/> characters.</summary>
    /// <param name="length">At most <see cref="Length"/>.</param>
    public void Truncate(int length) => Length = length;

    /// <summary>Appends one character.</summary>
    /// <param name="c">The character.</param>
    public void Append(char c)
    {
        Reserve(1);
        _chars[Length++] = c;
    }

    /// <summary>Appends the string the reader is on, unescaped and decoded.</summary>
    /// <param name="reader">A reader on a string token.</param>
    /// <exception cref="InvalidOperationException">The string is not valid UTF-8 or holds an invalid escaped surrogate.</exception>
    public void AppendString(ref Utf8JsonReader reader)
    {
        // A JSON string never decodes to more UTF-16 characters than it has UTF-8 bytes.
        Reserve(reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length);
        Length += reader.CopyString(_chars.AsSpan(Length));
    }

    /// <summary>
    /// Appends JSON string content that <see cref="JsonScanner"/> has checked, unescaped and decoded to the same
    /// characters as <see cref="AppendString"/> gives.
    /// </summary>
    /// <param name="raw">The bytes between the string's quotes.</param>
    /// <param name="escaped">Whether <paramref name="raw"/> holds escapes.</param>
    /// <returns>
    /// <see langword="false"/>, leaving the buffer as it was, if the content is not valid UTF-8 or escapes a lone
    /// surrogate: text that <see cref="AppendString"/> refuses with an exception.
    /// </returns>
    public bool TryAppendJson(ReadOnlySpan<byte> raw, bool escaped)
    {
        // Neither decoding nor unescaping ever gives more UTF-16 characters than there are bytes.
        Reserve(raw.Length);
        Span<char> destination = _chars.AsSpan(Length);
        if (!escaped)
        {
            if (Utf8.ToUtf16(raw, destination, out _, out int decoded, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                return false;
            }

            Length += decoded;
            return true;
        }

        int written = 0;
        while (true)
        {
            int backslash = raw.IndexOf((byte)'\\');
            ReadOnlySpan<byte> plain = backslash < 0 ? raw : raw[..backslash];
            if (Utf8.ToUtf16(plain, destination[written..], out _, out int decoded, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                return false;
            }

            written += decoded;
            if (backslash < 0)
            {
                break;
            }

            // The scanner has checked every escape's form: one of the eight single characters, or u and four hex digits.
            raw = raw[(backslash + 1)..];
            char c;
            switch (raw[0])
            {
                case (byte)'b': c = '\b'; break;
                case (byte)'f': c = '\f'; break;
                case (byte)'n': c = '\n'; break;
                case (byte)'r': c = '\r'; break;
                case (byte)'t': c = '\t'; break;
                case (byte)'u':
                    c = (char)int.Parse(raw.Slice(1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    if (char.IsLowSurrogate(c))
                    {
                        return false;
                    }

                    if (char.IsHighSurrogate(c))
                    {
                        if (raw.Length < 11 || raw[5] != '\\' || raw[6] != 'u'
                            || !char.IsLowSurrogate((char)int.Parse(raw.Slice(7, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)))
                        {
                            return false;
                        }

                        destination[written++] = c;
                        c = (char)int.Parse(raw.Slice(7, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                        raw = raw[6..];
                    }

                    raw = raw[4..];
                    break;
                default:
                    c = (char)raw[0]; // " \ /
                    break;
            }

            destination[written++] = c;
            raw = raw[1..];
        }

        Length += written;
        return true;
    }

    /// <summary>Gets the text as a string.</summary>
    /// <returns>A new string.</returns>
    public override string ToString() => new(Span);

    private void Reserve(int more)
    {
        int needed = checked(Length + more);
        if (needed > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(needed, _chars.Length * 2));
        }
    }
}
