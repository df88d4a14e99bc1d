using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Features;

/// <summary>
/// What detection needs of one exchange, computed from it alone (so it can be computed in parallel, off the ordered
/// detection path): hashes and small numbers, never the prompt text.
/// </summary>
/// <remarks>
/// A value, not an object: the batch reader writes it into its batches' arrays and the engine reads it from there,
/// so that detection allocates nothing per exchange for it. <c>default</c> is the features of an empty prompt with no
/// id, model or address hashed.
/// </remarks>
public readonly record struct ExchangeFeatures
{
    /// <summary>Gets the hash of the exchange's id (duplicate detection).</summary>
    public ulong IdHash { get; init; }

    /// <summary>Gets the hash of the current prompt's normalised tokens (replay and novelty).</summary>
    public ulong PromptHash { get; init; }

    /// <summary>Gets the hash of the prompt's first <see cref="FeatureExtractor.SkeletonTokens"/> tokens, or 0 for a short prompt.</summary>
    public ulong PrefixSkeleton { get; init; }

    /// <summary>Gets the hash of the prompt's last <see cref="FeatureExtractor.SkeletonTokens"/> tokens, or 0 for a short prompt.</summary>
    public ulong SuffixSkeleton { get; init; }

    /// <summary>Gets the reasoning-trace coercion strength of the prompt's wrapper, in [0, 1].</summary>
    public float Coercion { get; init; }

    /// <summary>Gets a short quote of the prompt where it is coercion, for evidence; otherwise null.</summary>
    public string? CoercionQuote { get; init; }

    /// <summary>Gets the prompt's topic (<see cref="Text.TopicClassifier"/>), or -1.</summary>
    public short Topic { get; init; }

    /// <summary>Gets whether the prompt contains an item of a public benchmark or instruction set.</summary>
    public bool Benchmark { get; init; }

    /// <summary>Gets the number of user turns in the conversation.</summary>
    public short UserTurns { get; init; }

    /// <summary>
    /// Gets the length in characters of the current prompt (the last user message), at most
    /// <see cref="FeatureExtractor.MaxPromptLength"/>: a follow-up turn's size, next to the size of the answer it draws.
    /// </summary>
    public int PromptLength { get; init; }

    /// <summary>
    /// Gets the hash of the last <c>tool</c> message's content (what the last tool call returned), or 0 when the
    /// conversation has none.
    /// </summary>
    public ulong ToolResultHash { get; init; }

    /// <summary>Gets the hash of the model name.</summary>
    public ulong ModelHash { get; init; }

    /// <summary>Gets the hash of the client address, or 0.</summary>
    public ulong IpHash { get; init; }

    /// <summary>Gets the hash of the client address's /24 (IPv4) or /64 (IPv6) prefix, or 0.</summary>
    public ulong IpPrefixHash { get; init; }

    /// <summary>
    /// Gets the prompt's content fingerprint (near-duplicates across accounts), or empty for a short prompt, an item of
    /// a public benchmark (which harnesses of different customers share by design) or a prompt not sampled.
    /// </summary>
    public ContentFingerprint Content { get; init; }

    /// <summary>Gets the hash of the first system (or developer) message, <see cref="FeatureExtractor.HashSystemPrompt(ReadOnlySpan{char})"/> (a skeleton: variants of one template agree, <see cref="FeatureExtractor.SystemPromptsAlike"/>), or 0 if there is none.</summary>
    public ulong SystemHash { get; init; }

    /// <summary>
    /// Gets whether the exchange's strong coercion came from the system message alone (the user's own turn is not
    /// coercion): in an app's traffic, the application's instruction rather than the end user's.
    /// </summary>
    public bool SystemCoercionOnly { get; init; }
}
