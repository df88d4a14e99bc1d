using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace DistillGuard.Ingest.Exchanges;

/// <summary>
/// A strict, forward-only scanner over one line of JSON, for the parser's fast path
/// (<see cref="DgExchangeParser"/>): it accepts only text that <see cref="System.Text.Json.Utf8JsonReader"/> accepts
/// with its default options, and reports anything else, or anything unusual, by returning <see langword="false"/> so
/// that the caller can hand the line to the reader instead.
/// </summary>
/// <remarks>
/// <para>
/// What it accepts is RFC 8259 JSON: objects, arrays, strings whose bytes are not control characters and whose escapes
/// are the eight single-character escapes or <c>\u</c> and four hexadecimal digits, numbers of the RFC's grammar, the
/// three literals, and the four white-space characters. Like the reader, it does not check the UTF-8 of strings it
/// only skips; strings that are decoded are checked where they are decoded. It refuses (returns <see langword="false"/>)
/// comments, trailing commas, nesting deeper than <see cref="MaxDepth"/>, and every malformed construct, without saying
/// why: the reader's message is the one that reaches the user.
/// </para>
/// <para>
/// It is faster than the reader because it carries no state beyond a position: no token metadata, no depth stack,
/// no support for segmented input; strings are searched for their end with a vectorised search.
/// </para>
/// </remarks>
internal ref struct JsonScanner
{
    /// <summary>The deepest nesting skipped; the reader allows 64, so deeper values are left to it.</summary>
    public const int MaxDepth = 32;

    // A string's content ends at a quote; a backslash starts an escape; a control character is not allowed.
    private static readonly SearchValues<byte> StringSpecial = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    private readonly ReadOnlySpan<byte> _text;
    private int _pos;

    /// <summary>Initializes a new instance of the <see cref="JsonScanner"/> struct at the start of <paramref name="text"/>.</summary>
    /// <param name="text">The line's UTF-8 bytes.</param>
    public JsonScanner(ReadOnlySpan<byte> text)
    {
        _text = text;
        _pos = 0;
    }

    /// <summary>Gets the position of the next byte to read.</summary>
    public readonly int Position => _pos;

    /// <summary>Gets the whole text.</summary>
    public readonly ReadOnlySpan<byte> Text => _text;

    /// <summary>Skips white space and gets the next byte, or 0 at the end of the text.</summary>
    /// <returns>The next byte that is not white space (not consumed), or 0 at the end.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Peek()
    {
        var text = _text;
        var pos = _pos;
        if ((uint)pos < (uint)text.Length)
        {
            var b = text[pos];
            if (b > ' ')
            {
                return b;
            }
        }

        return PeekSlow();
    }

    private byte PeekSlow()
    {
        while ((uint)_pos < (uint)_text.Length)
        {
            var b = _text[_pos];
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return b;
            }

            _pos++;
        }

        return 0;
    }

    /// <summary>Consumes the byte <see cref="Peek"/> answered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance() => _pos++;

    /// <summary>Consumes the next byte if it is <paramref name="expected"/>, after white space.</summary>
    /// <returns>Whether it was.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryConsume(byte expected)
    {
        if (Peek() != expected)
        {
            return false;
        }

        _pos++;
        return true;
    }

    /// <summary>Reads the name of an object's first member, or the object's end; the object's <c>{</c> is consumed.</summary>
    /// <param name="name">The member's name, when one follows (without escapes: a name with escapes is <see cref="JsonStep.Invalid"/>).</param>
    /// <returns>What followed.</returns>
    public JsonStep FirstMember(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (TryConsume((byte)'}'))
        {
            return JsonStep.End;
        }

        return TryReadName(out name) ? JsonStep.Member : JsonStep.Invalid;
    }

    /// <summary>Reads what follows a member's value: the next member's name, or the object's end.</summary>
    /// <param name="name">The next member's name, when one follows.</param>
    /// <returns>What followed.</returns>
    public JsonStep NextMember(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!TryNextMember(out var end))
        {
            return JsonStep.Invalid;
        }

        return end ? JsonStep.End : TryReadName(out name) ? JsonStep.Member : JsonStep.Invalid;
    }

    /// <summary>Reads what follows a member's value: a comma before the next member, or the object's end.</summary>
    /// <param name="end">Set when the object ended.</param>
    /// <returns><see langword="false"/> if neither follows.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryNextMember(out bool end)
    {
        var b = Peek();
        _pos++;
        end = b == '}';
        return end || b == ',';
    }

    /// <summary>Reads what follows an array element: a comma before the next element, or the array's end.</summary>
    /// <param name="end">Set when the array ended.</param>
    /// <returns><see langword="false"/> if neither follows.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNextElement(out bool end)
    {
        var b = Peek();
        _pos++;
        end = b == ']';
        return end || b == ',';
    }

    /// <summary>
    /// Reads a member's name and the colon after it; the scanner must be on the name's opening quote (after an
    /// object's <c>{</c> or a comma).
    /// </summary>
    /// <param name="name">The name's bytes, if it has no escapes.</param>
    /// <returns><see langword="false"/> if no name follows, or it has escapes.</returns>
    private bool TryReadName(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (Peek() != '"')
        {
            return false;
        }

        _pos++;
        if (!TryReadStringBody(out name, out var escaped) || escaped)
        {
            return false;
        }

        return TryConsume((byte)':');
    }

    /// <summary>Reads a string whose opening quote <see cref="Peek"/> answered.</summary>
    /// <param name="raw">The bytes between the quotes, escapes not undone.</param>
    /// <param name="escaped">Whether <paramref name="raw"/> holds an escape.</param>
    /// <returns><see langword="false"/> if the string is malformed.</returns>
    public bool TryReadString(out ReadOnlySpan<byte> raw, out bool escaped)
    {
        _pos++;
        return TryReadStringBody(out raw, out escaped);
    }

    private bool TryReadStringBody(out ReadOnlySpan<byte> raw, out bool escaped)
    {
        var start = _pos;
        var rest = _text[start..];
        var i = rest.IndexOfAny(StringSpecial);
        escaped = false;
        while (true)
        {
            if (i < 0)
            {
                raw = default;
                return false;
            }

            var b = rest[i];
            if (b == '"')
            {
                raw = rest[..i];
                _pos = start + i + 1;
                return true;
            }

            if (b != '\\')
            {
                raw = default;
                return false; // a control character
            }

            escaped = true;
            var length = EscapeLength(rest[(i + 1)..]);
            if (length == 0)
            {
                raw = default;
                return false;
            }

            var next = i + 1 + length;
            var found = rest[next..].IndexOfAny(StringSpecial);
            i = found < 0 ? -1 : next + found;
        }
    }

    /// <summary>The length of a valid escape's text after its backslash, or 0 if it is not valid.</summary>
    private static int EscapeLength(ReadOnlySpan<byte> afterBackslash)
    {
        if (afterBackslash.IsEmpty)
        {
            return 0;
        }

        switch (afterBackslash[0])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return 1;
            case (byte)'u':
                if (afterBackslash.Length < 5)
                {
                    return 0;
                }

                for (var k = 1; k <= 4; k++)
                {
                    if (!char.IsAsciiHexDigit((char)afterBackslash[k]))
                    {
                        return 0;
                    }
                }

                return 5;
            default:
                return 0;
        }
    }

    /// <summary>Reads a number whose first byte <see cref="Peek"/> answered, checking RFC 8259's grammar.</summary>
    /// <param name="raw">The number's bytes.</param>
    /// <returns><see langword="false"/> if the bytes are not a number.</returns>
    public bool TryReadNumber(out ReadOnlySpan<byte> raw)
    {
        var text = _text;
        var start = _pos;
        var p = start;
        raw = default;
        if (p < text.Length && text[p] == '-')
        {
            p++;
        }

        if (p >= text.Length)
        {
            return false;
        }

        if (text[p] == '0')
        {
            p++;
        }
        else if (IsDigit(text[p]))
        {
            p++;
            while (p < text.Length && IsDigit(text[p]))
            {
                p++;
            }
        }
        else
        {
            return false;
        }

        if (p < text.Length && text[p] == '.')
        {
            p++;
            if (p >= text.Length || !IsDigit(text[p]))
            {
                return false;
            }

            while (p < text.Length && IsDigit(text[p]))
            {
                p++;
            }
        }

        if (p < text.Length && (text[p] | 0x20) == 'e')
        {
            p++;
            if (p < text.Length && text[p] is (byte)'+' or (byte)'-')
            {
                p++;
            }

            if (p >= text.Length || !IsDigit(text[p]))
            {
                return false;
            }

            while (p < text.Length && IsDigit(text[p]))
            {
                p++;
            }
        }

        raw = text[start..p];
        _pos = p;
        return true;
    }

    /// <summary>Reads an integer value that fits an <see cref="int"/>, or <c>null</c>.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> for anything else (the reader then says what is wrong).</returns>
    public bool TryReadInt32OrNull(out int? value)
    {
        value = null;
        if (!TryReadNumberOrNull(out var raw, out var isNull))
        {
            return false;
        }

        // As Utf8JsonReader.TryGetInt32 reads it.
        if (isNull || !Utf8Parser.TryParse(raw, out int parsed, out var consumed) || consumed != raw.Length)
        {
            return isNull;
        }

        value = parsed;
        return true;
    }

    /// <summary>Reads an integer value that fits a <see cref="long"/>, or <c>null</c>.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> for anything else.</returns>
    public bool TryReadInt64OrNull(out long? value)
    {
        value = null;
        if (!TryReadNumberOrNull(out var raw, out var isNull))
        {
            return false;
        }

        if (isNull || !Utf8Parser.TryParse(raw, out long parsed, out var consumed) || consumed != raw.Length)
        {
            return isNull;
        }

        value = parsed;
        return true;
    }

    /// <summary>Reads a finite number, or <c>null</c>.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> for anything else.</returns>
    public bool TryReadDoubleOrNull(out double? value)
    {
        value = null;
        if (!TryReadNumberOrNull(out var raw, out var isNull))
        {
            return false;
        }

        // As Utf8JsonReader.TryGetDouble reads it.
        if (isNull || !Utf8Parser.TryParse(raw, out double parsed, out var consumed) || consumed != raw.Length || !double.IsFinite(parsed))
        {
            return isNull;
        }

        value = parsed;
        return true;
    }

    /// <summary>Reads a number or <c>null</c>.</summary>
    /// <param name="raw">The number's bytes.</param>
    /// <param name="isNull">Whether the value was <c>null</c>.</param>
    /// <returns><see langword="false"/> for anything else.</returns>
    private bool TryReadNumberOrNull(out ReadOnlySpan<byte> raw, out bool isNull)
    {
        raw = default;
        var first = Peek();
        isNull = first == 'n';
        return isNull ? TryReadLiteral("null"u8) : IsNumberStart(first) && TryReadNumber(out raw);
    }

    /// <summary>Reads <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> for anything else.</returns>
    public bool TryReadBooleanOrNull(out bool? value)
    {
        value = null;
        switch (Peek())
        {
            case (byte)'t':
                value = true;
                return TryReadLiteral("true"u8);
            case (byte)'f':
                value = false;
                return TryReadLiteral("false"u8);
            case (byte)'n':
                return TryReadLiteral("null"u8);
            default:
                return false;
        }
    }

    /// <summary>Reads a literal whose first byte <see cref="Peek"/> answered.</summary>
    /// <param name="literal">The literal's bytes.</param>
    /// <returns>Whether the text holds it there.</returns>
    public bool TryReadLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_text[_pos..].StartsWith(literal))
        {
            return false;
        }

        _pos += literal.Length;
        return true;
    }

    /// <summary>Skips one value of any kind, checking it as the reader would.</summary>
    /// <returns><see langword="false"/> if it is malformed or nested too deep.</returns>
    public bool TrySkipValue() => TrySkipValue(0);

    private bool TrySkipValue(int depth)
    {
        var b = Peek();
        switch (b)
        {
            case (byte)'"':
                return TryReadString(out _, out _);
            case (byte)'{':
                if (depth >= MaxDepth)
                {
                    return false;
                }

                _pos++;
                var step = FirstMember(out _);
                for (; step == JsonStep.Member; step = NextMember(out _))
                {
                    if (!TrySkipValue(depth + 1))
                    {
                        return false;
                    }
                }

                return step == JsonStep.End;

            case (byte)'[':
                if (depth >= MaxDepth)
                {
                    return false;
                }

                _pos++;
                if (TryConsume((byte)']'))
                {
                    return true;
                }

                while (true)
                {
                    if (!TrySkipValue(depth + 1) || !TryNextElement(out var end))
                    {
                        return false;
                    }

                    if (end)
                    {
                        return true;
                    }
                }

            case (byte)'t':
                return TryReadLiteral("true"u8);
            case (byte)'f':
                return TryReadLiteral("false"u8);
            case (byte)'n':
                return TryReadLiteral("null"u8);
            default:
                return IsNumberStart(b) && TryReadNumber(out _);
        }
    }

    /// <summary>
    /// Guesses where the object that starts here ends, by counting braces as if no string held one: cheap, and right
    /// for the flat objects of a log, but only a guess. A caller that finds the guessed bytes among objects it has
    /// read before may trust it (a complete object ends where it ends), and may then <see cref="Skip"/> them.
    /// </summary>
    /// <returns>The length of the guessed object, braces included; 0 if the scanner is not on a <c>{</c> or no end is found.</returns>
    public readonly int GuessObjectLength()
    {
        var rest = _text[_pos..];
        if (rest.IsEmpty || rest[0] != '{')
        {
            return 0;
        }

        var depth = 0;
        var i = 0;
        while (true)
        {
            var found = rest[i..].IndexOfAny((byte)'{', (byte)'}');
            if (found < 0)
            {
                return 0;
            }

            i += found;
            depth += rest[i] == '{' ? 1 : -1;
            i++;
            if (depth == 0)
            {
                return i;
            }
        }
    }

    /// <summary>Moves past bytes known to form a complete value.</summary>
    /// <param name="length">How many bytes.</param>
    public void Skip(int length) => _pos += length;

    /// <summary>Gets whether only white space is left.</summary>
    /// <returns>Whether the text ends after white space.</returns>
    public bool AtEnd() => Peek() == 0 && _pos >= _text.Length;

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsNumberStart(byte b) => b == '-' || IsDigit(b);
}

/// <summary>What <see cref="JsonScanner.FirstMember"/> and <see cref="JsonScanner.NextMember"/> found.</summary>
internal enum JsonStep
{
    /// <summary>A member's name; its value follows.</summary>
    Member,

    /// <summary>The object's end.</summary>
    End,

    /// <summary>Something else: the line is left to the reader.</summary>
    Invalid,
}
