using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DistillGuard.Server.Tests.Fuzz;

/// <summary>
/// Seeded mutations of a valid request body: truncation, byte flips, invalid UTF-8, lone surrogates, huge numbers,
/// deep nesting, duplicate keys, values of the wrong type, garbage. The same seed gives the same mutations.
/// </summary>
public sealed partial class Mutator(int seed)
{
    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999999", "-9223372036854775809", "1" + new string('0', 400),
        "0.0000000000000000000000000000000000001e-400", "NaN", "Infinity", "-0", "1.7976931348623157e309",
    ];

    private static readonly string[] WrongTypes = ["123", "-1", "{}", "[]", "null", "true", "{\"a\":[1,{}]}", "[\"x\",1]", "\"\"", "1.5"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xff], [0xfe, 0xff], [0xc3], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80, 0x80, 0x80],
    ];

    /// <summary>The number of the invalid UTF-8 mutation, for <see cref="Excluded"/>.</summary>
    public const int InvalidUtf8Bytes = 2;

    /// <summary>The number of the lone-surrogate mutation, for <see cref="Excluded"/>.</summary>
    public const int LoneSurrogate = 7;

    private readonly Random _random = new(seed);

    /// <summary>Gets the numbers of the mutations not to make (the next one is made instead).</summary>
    public IReadOnlyList<int> Excluded { get; init; } = [];

    /// <summary>Gets a random number in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => _random.Next(max);

    /// <summary>Picks one of the items.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Mutates <paramref name="valid"/>; <paramref name="what"/> says how, for the failure message.</summary>
    public byte[] Mutate(byte[] valid, out string what)
    {
        var text = Encoding.UTF8.GetString(valid);
        var kind = _random.Next(11);
        while (Excluded.Contains(kind))
        {
            kind = (kind + 1) % 11;
        }

        switch (kind)
        {
            case 0:
                var cut = _random.Next(valid.Length);
                what = $"truncated at {cut}";
                return valid[..cut];
            case 1:
                var flipped = (byte[])valid.Clone();
                var flips = 1 + _random.Next(3);
                for (var i = 0; i < flips; i++)
                {
                    flipped[_random.Next(flipped.Length)] ^= (byte)(1 << _random.Next(8));
                }

                what = $"{flips} bits flipped";
                return flipped;
            case 2:
                var at = _random.Next(valid.Length);
                var invalid = Pick(InvalidUtf8);
                what = $"invalid UTF-8 {Convert.ToHexString(invalid)} at {at}";
                return [.. valid[..at], .. invalid, .. valid[at..]];
            case 3:
                what = "huge number";
                return Replace(text, NumberPattern(), Pick(HugeNumbers));
            case 4:
                var depth = Pick<int>([33, 65, 300, 3000]);
                var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                what = $"nested {depth} deep";
                return Replace(text, StringPattern(), string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
            case 5:
                var keys = KeyPattern().Matches(text);
                if (keys.Count == 0)
                {
                    goto default;
                }

                var key = keys[_random.Next(keys.Count)];
                what = $"duplicate key {key.Value}";
                return Encoding.UTF8.GetBytes(text[..key.Index] + key.Value + Pick(WrongTypes) + "," + text[key.Index..]);
            case 6:
                what = "a value of the wrong type";
                return Replace(text, ValuePattern(), ":" + Pick(WrongTypes));
            case 7:
                what = "a lone surrogate escape";
                return Replace(text, StringPattern(), Pick<string>(["\"\\ud800\"", "\"a\\udfffb\"", "\"\\u0000\"", "\"\\uZZZZ\""]));
            case 8:
                var garbage = new byte[1 + _random.Next(64)];
                _random.NextBytes(garbage);
                what = "garbage " + Convert.ToHexString(garbage);
                return garbage;
            case 9:
                what = "empty";
                return [];
            default:
                what = "repeated";
                return [.. valid, .. valid];
        }
    }

    private byte[] Replace(string text, Regex pattern, string replacement)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
        {
            return Encoding.UTF8.GetBytes(text + replacement);
        }

        var match = matches[_random.Next(matches.Count)];
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{text[..match.Index]}{replacement}{text[(match.Index + match.Length)..]}"));
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][+-]?\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringPattern();

    [GeneratedRegex(@"""[a-z_]+"":")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@":\s*(""(?:[^""\\]|\\.)*""|-?\d+(\.\d+)?|true|false|null)")]
    private static partial Regex ValuePattern();
}
