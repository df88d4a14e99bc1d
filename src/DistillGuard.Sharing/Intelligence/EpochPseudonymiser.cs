using System.Collections.Concurrent;
using System.Globalization;
using DistillGuard.Sharing.Pseudonymisation;

namespace DistillGuard.Sharing.Intelligence;

/// <summary>
/// Makes the pseudonyms of a raw value under any one epoch of the trust group's keys, exactly as a peer's
/// <see cref="PseudonymKeyRing"/> made them under its current key then, and caches them.
/// </summary>
/// <remarks>
/// Each epoch's key goes straight to <see cref="PseudonymKeyRing"/>'s HMAC, normalisation and template banding, without
/// its clock: whether an epoch is still accepted is the caller's question.
/// Prompt templates come from the engine as the skeleton key (16 hex digits), which is fingerprinted the way
/// <see cref="Export.CampaignBundleBuilder"/> fingerprints a template link without its tokens; any other text is
/// tokenised (<see cref="TemplateTokenizer"/>).
/// </remarks>
internal sealed class EpochPseudonymiser
{
    private static readonly string[] None = [];

    private readonly Dictionary<int, TrustGroupKey> _byEpoch;
    private readonly ConcurrentDictionary<(int Epoch, FingerprintType Type, string Raw), string[]> _cache = new();
    private readonly int _capacity;

    public EpochPseudonymiser(IEnumerable<TrustGroupKey> keys, int capacity)
    {
        _byEpoch = keys.ToDictionary(k => k.Epoch);
        _capacity = capacity;
    }

    /// <summary>Gets the pseudonyms of a raw value under one epoch: one value, or a template's bands; none when the value cannot be read.</summary>
    public string[] Pseudonyms(int epoch, FingerprintType type, string raw)
    {
        var key = (epoch, type, raw);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var made = Make(epoch, type, raw);
        if (_cache.Count >= _capacity)
        {
            // Start over rather than track recency: the engine asks once per new value of an account.
            _cache.Clear();
        }

        _cache[key] = made;
        return made;
    }

    private string[] Make(int epoch, FingerprintType type, string raw)
    {
        if (!_byEpoch.TryGetValue(epoch, out var key))
        {
            return None;
        }

        if (type == FingerprintType.PromptTemplate)
        {
            var trimmed = raw.Trim();
            IReadOnlySet<ulong> tokens = trimmed.Length == 16 && ulong.TryParse(trimmed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var skeleton)
                ? new HashSet<ulong> { skeleton }
                : TemplateTokenizer.TokenHashes(raw);
            return tokens.Count == 0 ? None : [.. PseudonymKeyRing.TemplateUnder(key, tokens).Bands];
        }

        return FingerprintNormaliser.TryNormalise(type, raw, out var normalised) ? [PseudonymKeyRing.Mac(key, type, normalised)] : None;
    }
}
