using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>
/// A trust group's pseudonymisation keys: makes the pseudonyms that leave the provider and recognises the ones peers share.
/// </summary>
/// <remarks>
/// <para>
/// A pseudonym is HMAC-SHA256 (RFC 2104) under the group's current key of <c>"&lt;fingerprint_type&gt;\n&lt;normalised value&gt;"</c>,
/// written as lower-case hex, and travels with the key's epoch. A plain hash would not do: the space of IPv4 prefixes,
/// e-mail domains or card fingerprints is small enough to hash exhaustively, whereas without the key nothing can be
/// tested. The type in the input keeps equal strings of different kinds apart.
/// </para>
/// <para>
/// Keys rotate: the newest key whose <see cref="TrustGroupKey.ActiveFrom"/> has come is current; an older epoch is still
/// accepted until its successor has been active for <see cref="PseudonymKeyRingOptions.OverlapWindow"/>, so that
/// indicators published just before a rotation keep matching. The <see cref="TimeProvider"/> decides.
/// </para>
/// <para>
/// Prompt templates are fingerprinted locality-sensitively, never by their text: a MinHash signature
/// (Broder 1997, <see cref="MinHashSignature"/>, 64 functions, seed 0) of the template's word-token set
/// (<see cref="TemplateTokenizer"/>) is cut into 16 bands of 4 rows (Leskovec, Rajaraman and Ullman, "Mining of Massive
/// Datasets", §3.4) and each band key is keyed-hashed with its band number. Two templates of Jaccard similarity J share
/// a band with probability 1 − (1 − J⁴)¹⁶: 0.9996 at J = 0.8 (a paraphrase with a few words changed), 0.025 at J = 0.2.
/// </para>
/// </remarks>
public sealed class PseudonymKeyRing
{
    /// <summary>The number of MinHash functions of a template signature.</summary>
    public const int TemplateHashCount = 64;

    /// <summary>The number of LSH bands of a template signature.</summary>
    public const int TemplateBands = 16;

    /// <summary>The rows (minima) per LSH band.</summary>
    public const int TemplateRowsPerBand = 4;

    private readonly TrustGroupKey[] _keys;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _overlap;

    /// <summary>Initializes a new instance of the <see cref="PseudonymKeyRing"/> class.</summary>
    /// <param name="keys">The group's keys, one per epoch; later epochs must become active later.</param>
    /// <param name="timeProvider">Decides which key is current and which epochs are accepted.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">No key, a key shorter than <see cref="TrustGroupKey.MinimumKeyBytes"/>, a repeated epoch, or epochs out of order.</exception>
    public PseudonymKeyRing(IEnumerable<TrustGroupKey> keys, TimeProvider timeProvider, PseudonymKeyRingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new PseudonymKeyRingOptions();
        options.Validate();
        _keys = [.. keys.OrderBy(k => k.ActiveFrom).ThenBy(k => k.Epoch)];
        if (_keys.Length == 0)
        {
            throw new ArgumentException("a key ring needs at least one key", nameof(keys));
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i].Key.Length < TrustGroupKey.MinimumKeyBytes)
            {
                throw new ArgumentException($"the key of epoch {_keys[i].Epoch} has {_keys[i].Key.Length} bytes; at least {TrustGroupKey.MinimumKeyBytes} are needed", nameof(keys));
            }

            if (i > 0 && _keys[i].Epoch <= _keys[i - 1].Epoch)
            {
                throw new ArgumentException($"epoch {_keys[i].Epoch} becomes active after epoch {_keys[i - 1].Epoch}; epochs must be unique and grow with time", nameof(keys));
            }
        }

        _timeProvider = timeProvider;
        _overlap = options.OverlapWindow;
    }

    /// <summary>Gets the key new pseudonyms are made with now.</summary>
    /// <exception cref="InvalidOperationException">No key is active yet.</exception>
    public TrustGroupKey CurrentKey
    {
        get
        {
            var now = _timeProvider.GetUtcNow();
            for (var i = _keys.Length - 1; i >= 0; i--)
            {
                if (_keys[i].ActiveFrom <= now)
                {
                    return _keys[i];
                }
            }

            throw new InvalidOperationException($"no key of the trust group is active at {now:O}");
        }
    }

    /// <summary>Gets the epochs whose pseudonyms are accepted now: the current one and those still in their overlap window.</summary>
    public IReadOnlyList<int> AcceptedEpochs
    {
        get
        {
            var now = _timeProvider.GetUtcNow();
            return [.. _keys.Where((_, i) => IsAccepted(i, now)).Select(k => k.Epoch)];
        }
    }

    /// <summary>Gets whether pseudonyms of an epoch are accepted now.</summary>
    /// <param name="keyEpoch">The epoch.</param>
    /// <returns>Whether the epoch is current or still in its overlap window.</returns>
    public bool IsAccepted(int keyEpoch)
    {
        var index = Array.FindIndex(_keys, k => k.Epoch == keyEpoch);
        return index >= 0 && IsAccepted(index, _timeProvider.GetUtcNow());
    }

    /// <summary>Pseudonymises a raw value under the current key.</summary>
    /// <param name="type">The kind of attribute; prompt templates go through <see cref="PseudonymiseTemplate(string)"/>.</param>
    /// <param name="raw">The raw value; it is normalised first (<see cref="FingerprintNormaliser"/>).</param>
    /// <returns>The fingerprint that may be shared.</returns>
    public ClientFingerprint Pseudonymise(FingerprintType type, string raw)
    {
        var key = CurrentKey;
        return new ClientFingerprint(type, Mac(key, type, Normalise(type, raw)), key.Epoch);
    }

    /// <summary>Pseudonymises a prompt template's text under the current key; the text never leaves.</summary>
    /// <param name="templateText">The template or a prompt made from it.</param>
    /// <returns>The locality-sensitive fingerprint.</returns>
    public TemplateFingerprint PseudonymiseTemplate(string templateText) => PseudonymiseTemplate(TemplateTokenizer.TokenHashes(templateText));

    /// <summary>Pseudonymises a prompt template's token-hash set under the current key.</summary>
    /// <param name="tokenHashes">The distinct token hashes (<see cref="TemplateTokenizer.TokenHashes"/>).</param>
    /// <returns>The locality-sensitive fingerprint.</returns>
    /// <exception cref="ArgumentException">The set is empty.</exception>
    public TemplateFingerprint PseudonymiseTemplate(IEnumerable<ulong> tokenHashes) => TemplateUnder(CurrentKey, tokenHashes);

    /// <summary>Gets whether a raw value of this provider matches a pseudonym a peer shared.</summary>
    /// <param name="type">The shared <c>fingerprint_type</c>.</param>
    /// <param name="raw">The raw value seen here (for prompt templates, the template text).</param>
    /// <param name="value">The shared pseudonym.</param>
    /// <param name="keyEpoch">The shared <c>key_epoch</c>.</param>
    /// <returns>Whether the epoch is accepted now and the raw value's pseudonym under it equals the shared one (for templates: any band).</returns>
    public bool Matches(FingerprintType type, string raw, string value, int keyEpoch)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(value);
        var index = Array.FindIndex(_keys, k => k.Epoch == keyEpoch);
        if (index < 0 || !IsAccepted(index, _timeProvider.GetUtcNow()))
        {
            return false;
        }

        if (type == FingerprintType.PromptTemplate)
        {
            var tokens = TemplateTokenizer.TokenHashes(raw);
            return tokens.Count > 0 && TemplateUnder(_keys[index], tokens).Bands.Any(b => FixedTimeEquals(b, value));
        }

        return FingerprintNormaliser.TryNormalise(type, raw, out var normalised) && FixedTimeEquals(Mac(_keys[index], type, normalised), value);
    }

    /// <summary>Gets whether a raw value of this provider matches a fingerprint a peer shared.</summary>
    /// <param name="shared">The shared fingerprint.</param>
    /// <param name="raw">The raw value seen here.</param>
    /// <returns>See <see cref="Matches(FingerprintType, string, string, int)"/>.</returns>
    public bool Matches(ClientFingerprint shared, string raw)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return Matches(shared.Type, raw, shared.Value, shared.KeyEpoch);
    }

    /// <summary>Pseudonymises a prompt template's token-hash set under a given key, whatever the clock says.</summary>
    /// <param name="key">The key.</param>
    /// <param name="tokenHashes">The distinct token hashes.</param>
    /// <returns>The locality-sensitive fingerprint.</returns>
    internal static TemplateFingerprint TemplateUnder(TrustGroupKey key, IEnumerable<ulong> tokenHashes)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        var signature = new MinHashSignature(TemplateHashCount, seed: 0);
        foreach (var token in tokenHashes)
        {
            signature.Add(token);
        }

        Span<ulong> bandKeys = stackalloc ulong[TemplateBands];
        if (!signature.TryGetBandKeys(TemplateBands, TemplateRowsPerBand, bandKeys))
        {
            throw new ArgumentException("a template without tokens has no fingerprint", nameof(tokenHashes));
        }

        var bands = new string[TemplateBands];
        for (var band = 0; band < bands.Length; band++)
        {
            bands[band] = Mac(key, FingerprintType.PromptTemplate, string.Create(CultureInfo.InvariantCulture, $"{band}:{bandKeys[band]:x16}"));
        }

        return new TemplateFingerprint(key.Epoch, bands);
    }

    private static string Normalise(FingerprintType type, string raw)
    {
        if (type == FingerprintType.PromptTemplate)
        {
            throw new ArgumentException("prompt templates are fingerprinted by PseudonymiseTemplate, never by their text", nameof(type));
        }

        return FingerprintNormaliser.Normalise(type, raw);
    }

    /// <summary>Makes the pseudonym of an already normalised value under a given key, whatever the clock says.</summary>
    /// <param name="key">The key.</param>
    /// <param name="type">The kind of attribute.</param>
    /// <param name="normalised">The value, normalised (<see cref="FingerprintNormaliser"/>).</param>
    /// <returns>The pseudonym: the lowercase hex HMAC-SHA256.</returns>
    internal static string Mac(TrustGroupKey key, FingerprintType type, string normalised)
    {
        var input = Encoding.UTF8.GetBytes(string.Concat(type.Name(), "\n", normalised));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Key.Span, input));
    }

    private static bool FixedTimeEquals(string a, string b) =>
        a.Length == b.Length && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b.ToLowerInvariant()));

    private bool IsAccepted(int index, DateTimeOffset now)
    {
        var key = _keys[index];
        if (key.ActiveFrom > now)
        {
            return false;
        }

        // The last key never expires; an older one lasts until its successor has been active for the overlap window.
        return index == _keys.Length - 1 || now < _keys[index + 1].ActiveFrom + _overlap;
    }
}
