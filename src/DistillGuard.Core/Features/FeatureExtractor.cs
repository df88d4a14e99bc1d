using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Sketches;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Features;

/// <summary>Computes <see cref="ExchangeFeatures"/> from one exchange. Thread-safe and pure.</summary>
/// <remarks>
/// Two entries compute the same features: <see cref="Extract"/> from an exchange's messages, and
/// <see cref="ExtractFromPrompt(Exchange, ReadOnlySpan{char}, int, double, ulong)"/> from the current prompt's text alone, for a reader that decodes the prompt into a
/// buffer of its own instead of materialising every message as a string (the batch detection path).
/// </remarks>
public static class FeatureExtractor
{
    /// <summary>How many tokens at each end of a prompt make its skeleton (the template around the variable slot).</summary>
    public const int SkeletonTokens = 5;

    /// <summary>How many characters of a system prompt are read for <see cref="ScoreSystemPrompt"/>.</summary>
    public const int SystemPromptChars = 1024;

    /// <summary>
    /// The fewest tokens of a system prompt whose <see cref="HashSystemPrompt(ReadOnlySpan{char})"/> is a skeleton of its words
    /// rather than its exact hash.
    /// </summary>
    public const int SystemSkeletonTokens = 16;

    /// <summary>The largest <see cref="ExchangeFeatures.PromptLength"/>: longer prompts count as this long.</summary>
    public const int MaxPromptLength = ushort.MaxValue;

    private const int MaxTokens = 512;

    // A prompt's content fingerprint reads its first tokens only: they say what is asked, and the cost of the
    // fingerprint grows with every token read.
    private const int ContentTokens = 96;
    private const int TailTokens = 128;
    private const int HeadChars = 1536;
    private const int TailChars = 512;
    private const int SystemTokens = 256;

    // The MinHash functions of a system prompt's skeleton, and the salt of a coercive prompt's halves.
    private const long SkeletonSeedHigh = 0x5157_4B31;
    private const long SkeletonSeedLow = 0x5157_4B32;
    private const ulong CoercivePromptSalt = 0xC0E7_C10EUL;

    /// <summary>Extracts the features of an exchange.</summary>
    /// <param name="exchange">The exchange, with its messages.</param>
    /// <returns>The features.</returns>
    /// <remarks>
    /// The prompt is the last <c>user</c> message; the system prompt, the first <c>system</c> or <c>developer</c>
    /// message, is read only when the prompt itself is not already coercion.
    /// </remarks>
    public static ExchangeFeatures Extract(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var messages = exchange.Request.Messages;
        string prompt = string.Empty;
        string? system = null;
        string? toolResult = null;
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
            else if (m.Role is "tool")
            {
                toolResult = m.Content;
            }
        }

        // The system prompt is read once, for its skeleton and its score.
        var systemCoercion = 0.0;
        var systemHash = system is null ? 0 : HashSystemPrompt(system, out systemCoercion);
        var features = Build(TextTokens.Hash(exchange.Id), exchange.Request.Model, exchange.Client, prompt, userTurns, null, systemCoercion, systemHash);
        return toolResult is null ? features : features with { ToolResultHash = HashToolResult(toolResult) };
    }

    /// <summary>
    /// Extracts the features of an exchange whose prompt the caller has already decoded: the same features as
    /// <see cref="Extract"/> returns for the exchange with its messages, without reading them.
    /// </summary>
    /// <param name="exchange">The exchange; its messages are not read (they may be left empty).</param>
    /// <param name="prompt">The text of the exchange's last <c>user</c> message (empty if it has none).</param>
    /// <param name="userTurns">The number of <c>user</c> messages.</param>
    /// <param name="systemCoercion">
    /// <see cref="ScoreSystemPrompt"/> of the first <c>system</c> or <c>developer</c> message, or 0 if there is none.
    /// </param>
    /// <param name="systemHash"><see cref="HashSystemPrompt(ReadOnlySpan{char})"/> of that message, or 0 if there is none.</param>
    /// <returns>The features.</returns>
    public static ExchangeFeatures ExtractFromPrompt(Exchange exchange, ReadOnlySpan<char> prompt, int userTurns, double systemCoercion, ulong systemHash = 0)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentOutOfRangeException.ThrowIfNegative(systemCoercion);

        // Extract counts user turns in a short, which wraps; so does this cast.
        return Build(TextTokens.Hash(exchange.Id), exchange.Request.Model, exchange.Client, prompt, unchecked((short)userTurns), null, systemCoercion, systemHash);
    }

    /// <summary>
    /// Extracts the features of an exchange that was never made into an <see cref="Exchange"/>: the same features as
    /// <see cref="ExtractFromPrompt(Exchange, ReadOnlySpan{char}, int, double, ulong)"/> returns for an exchange with this id,
    /// model and client.
    /// </summary>
    /// <param name="idHash">The hash of the exchange's id, <see cref="TextTokens.Hash(ReadOnlySpan{char})"/> of its text.</param>
    /// <param name="model">The requested model.</param>
    /// <param name="client">The client's network facts, or null.</param>
    /// <param name="prompt">The text of the exchange's last <c>user</c> message (empty if it has none).</param>
    /// <param name="userTurns">The number of <c>user</c> messages.</param>
    /// <param name="systemCoercion"><see cref="ScoreSystemPrompt"/> of the first system prompt, or 0 if there is none.</param>
    /// <param name="systemHash"><see cref="HashSystemPrompt(ReadOnlySpan{char})"/> of the first system prompt, or 0 if there is none.</param>
    /// <returns>The features.</returns>
    public static ExchangeFeatures ExtractFromPrompt(ulong idHash, string model, ClientInfo? client, ReadOnlySpan<char> prompt, int userTurns, double systemCoercion, ulong systemHash = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(systemCoercion);
        return Build(idHash, model, client, prompt, unchecked((short)userTurns), null, systemCoercion, systemHash);
    }

    /// <summary>
    /// Hashes a <c>tool</c> message's content, as <see cref="Extract"/> does for <see cref="ExchangeFeatures.ToolResultHash"/>:
    /// its first <see cref="TextTokens.MaxChars"/> characters; never 0, so that 0 means no tool message.
    /// </summary>
    /// <param name="content">The tool message's text.</param>
    /// <returns>The hash.</returns>
    public static ulong HashToolResult(ReadOnlySpan<char> content) =>
        Math.Max(1UL, TextTokens.Hash(content[..Math.Min(content.Length, TextTokens.MaxChars)]));

    /// <summary>Hashes a system prompt for <see cref="ExchangeFeatures.SystemHash"/>: the skeleton of its first <see cref="SystemPromptChars"/> characters.</summary>
    /// <param name="systemPrompt">The system prompt's text.</param>
    /// <returns>The skeleton, never 0.</returns>
    /// <remarks>
    /// <para>
    /// An application fills its template with a character's name and description, a customer's name, a date: each
    /// variant's exact hash is shared by few of its end users, and an end user who moves between characters would
    /// seem to bring system prompts of its own. The skeleton is two 32-bit MinHash values, each the least of one hash
    /// function over the set of the prompt's normalised word tokens (numbers already read as zeros), in the high and the
    /// low half: two variants of one template agree on a half with probability their token sets' Jaccard
    /// similarity, so a template whose slot holds a tenth of its words gives the same value in at least one half for
    /// about 99 variants in 100. <see cref="SystemPromptsAlike"/> compares two skeletons.
    /// </para>
    /// <para>
    /// A prompt of fewer than <see cref="SystemSkeletonTokens"/> tokens has no slot to speak of: both halves are its
    /// exact hash's, so short prompts that share words are not taken for one. A prompt whose own text demands the
    /// reasoning trace (<see cref="ScoreSystemPrompt"/> is strong) has its halves salted, so a coercive prompt made of
    /// a benign template's words is never alike to that template.
    /// </para>
    /// </remarks>
    public static ulong HashSystemPrompt(ReadOnlySpan<char> systemPrompt) => HashSystemPrompt(systemPrompt, out _);

    /// <summary>
    /// Hashes a system prompt as <see cref="HashSystemPrompt(ReadOnlySpan{char})"/> does, and scores it as
    /// <see cref="ScoreSystemPrompt"/> does, from one reading of its tokens.
    /// </summary>
    /// <param name="systemPrompt">The system prompt's text.</param>
    /// <param name="coercion">Receives <see cref="ScoreSystemPrompt"/> of the prompt.</param>
    /// <returns>The skeleton, never 0.</returns>
    [SkipLocalsInit]
    public static ulong HashSystemPrompt(ReadOnlySpan<char> systemPrompt, out double coercion)
    {
        var text = systemPrompt[..Math.Min(systemPrompt.Length, SystemPromptChars)];
        Span<ulong> tokens = stackalloc ulong[SystemTokens];
        var n = TextTokens.Tokenize(text, tokens);
        coercion = CoercionDetector.Score(tokens[..n], out _);
        ulong high;
        ulong low;
        if (n < SystemSkeletonTokens)
        {
            var exact = TextTokens.Hash(text);
            (high, low) = (exact >> 32, exact & uint.MaxValue);
        }
        else
        {
            (high, low) = (uint.MaxValue, uint.MaxValue);
            foreach (var token in tokens[..n])
            {
                high = Math.Min(high, Hashing.Hash(token, SkeletonSeedHigh) >> 32);
                low = Math.Min(low, Hashing.Hash(token, SkeletonSeedLow) >> 32);
            }
        }

        if (coercion >= CoercionDetector.StrongThreshold)
        {
            (high, low) = (high ^ CoercivePromptSalt, low ^ CoercivePromptSalt);
        }

        return (high << 32) | low | 1UL;
    }

    /// <summary>
    /// Whether two <see cref="ExchangeFeatures.SystemHash"/> skeletons are of one template: equal in their high or in
    /// their low half (<see cref="HashSystemPrompt(ReadOnlySpan{char})"/>). Neither may be 0 (no system prompt).
    /// </summary>
    /// <param name="first">One skeleton.</param>
    /// <param name="second">The other skeleton.</param>
    /// <returns>Whether they agree in at least one half.</returns>
    public static bool SystemPromptsAlike(ulong first, ulong second) =>
        first != 0 && second != 0 && ((first ^ second) >> 32 == 0 || ((first ^ second) & uint.MaxValue) == 0);

    /// <summary>Scores a system prompt's demand for the reasoning trace, as <see cref="Extract"/> does.</summary>
    /// <param name="systemPrompt">The system prompt's text; only its first <see cref="SystemPromptChars"/> characters are read.</param>
    /// <returns>The coercion strength, in [0, 1].</returns>
    /// <remarks>Depends on the text alone, so a caller may cache it for a system prompt that recurs.</remarks>
    [SkipLocalsInit]
    public static double ScoreSystemPrompt(ReadOnlySpan<char> systemPrompt)
    {
        Span<ulong> tokens = stackalloc ulong[SystemTokens];
        var n = TextTokens.Tokenize(systemPrompt[..Math.Min(systemPrompt.Length, SystemPromptChars)], tokens);
        return CoercionDetector.Score(tokens[..n], out _);
    }

    /// <summary>Computes the features from the prompt's text.</summary>
    /// <param name="idHash">The hash of the exchange's id.</param>
    /// <param name="model">The requested model.</param>
    /// <param name="client">The client, whose address is hashed; or null.</param>
    /// <param name="prompt">The prompt's text.</param>
    /// <param name="userTurns">The number of user messages.</param>
    /// <param name="system">The system prompt, scored only when the prompt is not coercion; or null.</param>
    /// <param name="systemCoercion">The system prompt's score, when the caller has it (0 otherwise).</param>
    /// <param name="systemHash">The system prompt's hash, or 0.</param>
    /// <remarks>Its stack buffers of token hashes are always written before they are read, so they are not zeroed.</remarks>
    [SkipLocalsInit]
    private static ExchangeFeatures Build(ulong idHash, string model, ClientInfo? client, ReadOnlySpan<char> prompt, short userTurns, string? system, double systemCoercion, ulong systemHash)
    {
        // A long prompt is read at its start and its end: the wrapper sits there, and the rest is the variable slot.
        Span<ulong> tokens = stackalloc ulong[MaxTokens];
        int n;
        if (prompt.Length <= HeadChars + TailChars)
        {
            n = TextTokens.Tokenize(prompt, tokens);
        }
        else
        {
            n = TextTokens.Tokenize(prompt[..HeadChars], tokens[..(MaxTokens - TailTokens)]);
            n += TextTokens.Tokenize(prompt[^TailChars..], tokens.Slice(n, TailTokens));
        }

        var t = tokens[..n];

        var coercion = CoercionDetector.Score(t, out _);
        var benchmark = BenchmarkCatalog.Default.Contains(t[..Math.Min(n, 768)]);
        var systemOnly = false;
        string? quote = null;
        if (coercion < CoercionDetector.StrongThreshold)
        {
            // Score is never negative, so a caller without a system prompt passes 0 and changes nothing here.
            var fromSystem = system is not null ? ScoreSystemPrompt(system) : systemCoercion;
            systemOnly = fromSystem >= CoercionDetector.StrongThreshold;
            coercion = Math.Max(coercion, fromSystem);
        }
        else
        {
            // Only the user's own coercion is quoted: a system message's is not the user's question (and the batch
            // path, which scores the system message without keeping it, has no text to quote).
            quote = TextTokens.Quote(prompt, 100);
        }

        return new ExchangeFeatures
        {
            IdHash = idHash,
            PromptHash = TextTokens.Hash(prompt[..Math.Min(prompt.Length, TextTokens.MaxChars)]),
            PrefixSkeleton = n >= 2 * SkeletonTokens ? Combine(t[..SkeletonTokens]) : 0,
            SuffixSkeleton = n >= 2 * SkeletonTokens ? Combine(t[^SkeletonTokens..]) ^ 0x5A5A5A5A5A5A5A5AUL : 0,
            Coercion = (float)coercion,
            CoercionQuote = quote,
            Topic = (short)TopicClassifier.Classify(t[..Math.Min(n, 256)]),
            Benchmark = benchmark,
            UserTurns = userTurns,
            PromptLength = Math.Min(prompt.Length, MaxPromptLength),
            ModelHash = TextTokens.Hash(model),
            IpHash = client?.Ip is { } ip ? TextTokens.Hash(ip) : 0,
            IpPrefixHash = client?.Ip is { } ip2 ? PrefixHash(ip2) : 0,
            Content = benchmark ? default : ContentFingerprint.Compute(t[..Math.Min(n, ContentTokens)]),
            SystemHash = systemHash,
            SystemCoercionOnly = systemOnly,
        };
    }

    /// <summary>Hashes a client address's network prefix: /24 for IPv4, /64 for IPv6.</summary>
    /// <remarks>
    /// The usual dotted-quad IPv4 text is read by hand, to the same bytes that <see cref="IPAddress.TryParse(string, out IPAddress)"/>
    /// gives it, without allocating an address; every other form goes through <see cref="IPAddress"/>.
    /// </remarks>
    public static ulong PrefixHash(string ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        Span<byte> bytes = stackalloc byte[16];
        int written;
        bool ipv4;
        if (TryParseDottedQuad(ip, bytes))
        {
            written = 4;
            ipv4 = true;
        }
        else if (IPAddress.TryParse(ip, out var address))
        {
            address.TryWriteBytes(bytes, out written);
            ipv4 = address.AddressFamily == AddressFamily.InterNetwork;
        }
        else
        {
            return TextTokens.Hash(ip);
        }

        var keep = ipv4 ? 3 : 8;
        ulong h = 1469598103934665603UL ^ (ulong)written;
        for (var i = 0; i < keep && i < written; i++)
        {
            h = (h ^ bytes[i]) * 1099511628211UL;
        }

        // FNV's high bits are weak for short inputs; sketches index by the high bits.
        return Hashing.Mix(h);
    }

    /// <summary>
    /// Reads the canonical IPv4 text, four decimal numbers up to 255 without leading zeros (which
    /// <see cref="IPAddress"/> would read as octal), separated by dots.
    /// </summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        if (text.Length is < 7 or > 15)
        {
            return false;
        }

        var part = 0;
        var value = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if ((uint)(c - '0') <= 9)
            {
                if (digits == 1 && value == 0)
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
                if (++digits > 3 || value > 255)
                {
                    return false;
                }
            }
            else if (c == '.' && digits > 0 && part < 3)
            {
                bytes[part++] = (byte)value;
                value = 0;
                digits = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || part != 3)
        {
            return false;
        }

        bytes[3] = (byte)value;
        return true;
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
