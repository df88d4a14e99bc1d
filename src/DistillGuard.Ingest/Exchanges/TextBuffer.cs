using System.Text.Json;

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
