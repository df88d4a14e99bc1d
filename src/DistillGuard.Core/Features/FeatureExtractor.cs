using System.Net;
using System.Runtime.CompilerServices;
using System.Net.Sockets;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Sketches;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Features;

/// <summary>Computes <see cref="ExchangeFeatures"/> from one exchange. Thread-safe and pure.</summary>
public static class FeatureExtractor
{
    /// <summary>How many tokens at each end of a prompt make its skeleton (the template around the variable slot).</summary>
    public const int SkeletonTokens = 5;

    private const int MaxTokens = 512;
    private const int TailTokens = 128;
    private const int HeadChars = 1536;
    private const int TailChars = 512;

    /// <summary>Extracts the features of an exchange.</summary>
    /// <remarks>Its stack buffers of token hashes are always written before they are read, so they are not zeroed.</remarks>
    [SkipLocalsInit]
    public static ExchangeFeatures Extract(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var messages = exchange.Request.Messages;
        string prompt = string.Empty;
        string? system = null;
        short userTurns = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m.Role is "user")
            {
                userTurns++;
                prompt = m.Content;
            }
            else if (m.Role is "system" or "developer" && system is null)
            {
                system = m.Content;
            }
        }

        // A long prompt is read at its start and its end: the wrapper sits there, and the rest is the variable slot.
        Span<ulong> tokens = stackalloc ulong[MaxTokens];
        int n;
        if (prompt.Length <= HeadChars + TailChars)
        {
            n = TextTokens.Tokenize(prompt, tokens);
        }
        else
        {
            n = TextTokens.Tokenize(prompt.AsSpan(0, HeadChars), tokens[..(MaxTokens - TailTokens)]);
            n += TextTokens.Tokenize(prompt.AsSpan(prompt.Length - TailChars), tokens.Slice(n, TailTokens));
        }

        var t = tokens[..n];

        var coercion = CoercionDetector.Score(t, out _);
        if (system is not null && coercion < CoercionDetector.StrongThreshold)
        {
            Span<ulong> sys = stackalloc ulong[256];
            var sn = TextTokens.Tokenize(system.AsSpan(0, Math.Min(system.Length, 1024)), sys);
            coercion = Math.Max(coercion, CoercionDetector.Score(sys[..sn], out _));
        }

        var client = exchange.Client;
        return new ExchangeFeatures
        {
            IdHash = TextTokens.Hash(exchange.Id),
            PromptHash = TextTokens.Hash(prompt.AsSpan(0, Math.Min(prompt.Length, TextTokens.MaxChars))),
            PrefixSkeleton = n >= 2 * SkeletonTokens ? Combine(t[..SkeletonTokens]) : 0,
            SuffixSkeleton = n >= 2 * SkeletonTokens ? Combine(t[^SkeletonTokens..]) ^ 0x5A5A5A5A5A5A5A5AUL : 0,
            Coercion = (float)coercion,
            CoercionQuote = coercion >= CoercionDetector.StrongThreshold ? TextTokens.Quote(prompt, 100) : null,
            Topic = (short)TopicClassifier.Classify(t[..Math.Min(n, 256)]),
            Benchmark = BenchmarkCatalog.Default.Contains(t[..Math.Min(n, 768)]),
            UserTurns = userTurns,
            ModelHash = TextTokens.Hash(exchange.Request.Model),
            IpHash = client?.Ip is { } ip ? TextTokens.Hash(ip) : 0,
            IpPrefixHash = client?.Ip is { } ip2 ? PrefixHash(ip2) : 0,
        };
    }

    /// <summary>Hashes a client address's network prefix: /24 for IPv4, /64 for IPv6.</summary>
    public static ulong PrefixHash(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address))
        {
            return TextTokens.Hash(ip);
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 8;
        ulong h = 1469598103934665603UL ^ (ulong)written;
        for (var i = 0; i < keep && i < written; i++)
        {
            h = (h ^ bytes[i]) * 1099511628211UL;
        }

        // FNV's high bits are weak for short inputs; sketches index by the high bits.
        return Hashing.Mix(h);
    }

    private static ulong Combine(ReadOnlySpan<ulong> tokens)
    {
        var h = 0xCBF29CE484222325UL ^ (ulong)tokens.Length;
        foreach (var t in tokens)
        {
            h = (h ^ t) * 0x100000001B3UL;
            h ^= h >> 29;
        }

        return Hashing.Mix(h);
    }
}
