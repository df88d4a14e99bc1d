using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using DistillGuard.Sharing.Pseudonymisation;
using DistillGuard.Sharing.Stix;

namespace DistillGuard.Sharing.Intelligence;

/// <summary>
/// The STIX pattern of a DistillGuard indicator, read back: one <c>x-llm-client-fingerprint</c> observation whose
/// <c>fingerprint_type</c>, <c>value</c> (or <c>value IN (…)</c>) and <c>key_epoch</c> are compared for equality.
/// </summary>
/// <param name="Type">The kind of fingerprint.</param>
/// <param name="KeyEpoch">The epoch of the trust-group key the values were made with.</param>
/// <param name="Values">The pseudonyms (lower-case hex); for a prompt template, its LSH bands.</param>
/// <remarks>
/// Only the subset of the STIX patterning language that <see cref="Export.CampaignBundleBuilder"/> writes is read:
/// one observation expression of comparisons joined by <c>AND</c>, in any order. Anything else (<c>OR</c>, other
/// object types, qualifiers, several observations) is not a DistillGuard indicator and is not parsed.
/// </remarks>
public sealed record IndicatorPattern(FingerprintType Type, int KeyEpoch, IReadOnlyList<string> Values)
{
    private const string ObjectPrefix = DistillGuardVocabulary.FingerprintObservableType + ":";

    /// <summary>Reads a pattern.</summary>
    /// <param name="pattern">The indicator's <c>pattern</c>.</param>
    /// <param name="parsed">The pattern, when it is one DistillGuard writes.</param>
    /// <returns>Whether it could be read.</returns>
    public static bool TryParse(string? pattern, [NotNullWhen(true)] out IndicatorPattern? parsed)
    {
        parsed = null;
        if (pattern is null)
        {
            return false;
        }

        var scanner = new Scanner(pattern.Trim());
        if (!scanner.Take('['))
        {
            return false;
        }

        string? typeName = null;
        int? epoch = null;
        List<string>? values = null;
        while (true)
        {
            if (!scanner.TryPath(out var property))
            {
                return false;
            }

            switch (property)
            {
                case "fingerprint_type" when typeName is null && scanner.Take('=') && scanner.TryString(out var name):
                    typeName = name;
                    break;
                case "key_epoch" when epoch is null && scanner.Take('=') && scanner.TryInteger(out var number):
                    epoch = number;
                    break;
                case "value" when values is null && scanner.TryValues(out var list):
                    values = list;
                    break;
                default:
                    return false;
            }

            if (scanner.Take(']'))
            {
                break;
            }

            if (!scanner.TakeWord("AND"))
            {
                return false;
            }
        }

        if (!scanner.AtEnd || !FingerprintTypeNames.TryParse(typeName, out var type) || epoch is not { } keyEpoch || values is not { Count: > 0 })
        {
            return false;
        }

        parsed = new IndicatorPattern(type, keyEpoch, [.. values.Select(v => v.ToLowerInvariant())]);
        return true;
    }

    private ref struct Scanner(string text)
    {
        private readonly string _text = text;
        private int _at;

        public readonly bool AtEnd => _at == _text.Length;

        public bool Take(char c)
        {
            SkipSpace();
            if (_at < _text.Length && _text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        public bool TakeWord(string word)
        {
            SkipSpace();
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) == 0 && _at + word.Length < _text.Length && char.IsWhiteSpace(_text[_at + word.Length]))
            {
                _at += word.Length;
                return true;
            }

            return false;
        }

        public bool TryPath(out string property)
        {
            property = string.Empty;
            SkipSpace();
            if (string.CompareOrdinal(_text, _at, ObjectPrefix, 0, ObjectPrefix.Length) != 0)
            {
                return false;
            }

            _at += ObjectPrefix.Length;
            var start = _at;
            while (_at < _text.Length && (char.IsAsciiLetterLower(_text[_at]) || _text[_at] == '_'))
            {
                _at++;
            }

            property = _text[start.._at];
            return property.Length > 0;
        }

        public bool TryValues(out List<string> values)
        {
            values = [];
            if (Take('='))
            {
                if (!TryString(out var one))
                {
                    return false;
                }

                values.Add(one);
                return true;
            }

            if (!TakeWord("IN") || !Take('('))
            {
                return false;
            }

            do
            {
                if (!TryString(out var item))
                {
                    return false;
                }

                values.Add(item);
            }
            while (Take(','));
            return Take(')');
        }

        public bool TryString(out string value)
        {
            value = string.Empty;
            SkipSpace();
            if (_at >= _text.Length || _text[_at] != '\'')
            {
                return false;
            }

            var builder = new StringBuilder();
            for (_at++; _at < _text.Length; _at++)
            {
                var c = _text[_at];
                if (c == '\\' && _at + 1 < _text.Length)
                {
                    builder.Append(_text[++_at]);
                }
                else if (c == '\'')
                {
                    _at++;
                    value = builder.ToString();
                    return true;
                }
                else
                {
                    builder.Append(c);
                }
            }

            return false;
        }

        public bool TryInteger(out int value)
        {
            value = 0;
            SkipSpace();
            var start = _at;
            while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
            {
                _at++;
            }

            return _at > start && int.TryParse(_text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private void SkipSpace()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
            {
                _at++;
            }
        }
    }
}
