namespace DistillGuard.Core.Sketches;

/// <summary>
/// An account-agnostic fingerprint of one prompt's content: locality-sensitive band keys of a MinHash signature over
/// the set of its normalised tokens, so that a reworded prompt shares a band key with the original with a probability
/// that grows with their resemblance.
/// </summary>
/// <remarks>
/// <para>
/// MinHash (Broder, SEQUENCES 1997) with <see cref="Rows"/> × <see cref="Bands"/> functions of the family of
/// <see cref="MinHashSignature"/>, banded as in Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets", ch. 3.4:
/// two prompts whose token sets have Jaccard similarity J share at least one band key with probability
/// 1 - (1 - J^r)^b (about 0.41 at J = 0.5, 0.003 at J = 0.1 with r = 3, b = 4). Bands of frequent words only (a
/// question's "what is the") collide across unrelated prompts; the index that reads these keys discounts a key
/// shared by many accounts, which is what makes the rest rare and telling (Blacklight, Extraction Monitor).
/// </para>
/// <para>
/// Sampling is consistent: a prompt is fingerprinted when the token that holds its first minimum hashes to 0 modulo
/// <see cref="SampleOneIn"/>; two sets share that token with probability J, so near-duplicates are sampled together
/// at least that often, and the index sees one prompt in <see cref="SampleOneIn"/> on average whatever its length.
/// </para>
/// <para>A value (16 bytes) carried in <see cref="Features.ExchangeFeatures"/>; <c>default</c> is no fingerprint.</para>
/// </remarks>
public readonly record struct ContentFingerprint
{
    /// <summary>The number of bands.</summary>
    public const int Bands = 4;

    /// <summary>The minima per band.</summary>
    public const int Rows = 3;

    /// <summary>The fewest tokens a prompt must have to be fingerprinted.</summary>
    public const int MinTokens = 6;

    /// <summary>On average one prompt in this many is fingerprinted.</summary>
    /// <remarks>
    /// 1 (every prompt): sampling by content keeps or drops a template's prompts together (they share the token that
    /// holds the first minimum), so an account that words all its prompts one way could vanish from the index; the
    /// index's generations bound its memory instead.
    /// </remarks>
    public const int SampleOneIn = 1;

    private const long Seed = 0x436F6E74656E74L;

    private readonly uint _band0;
    private readonly uint _band1;
    private readonly uint _band2;
    private readonly uint _band3;

    private ContentFingerprint(uint band0, uint band1, uint band2, uint band3)
    {
        _band0 = band0;
        _band1 = band1;
        _band2 = band2;
        _band3 = band3;
    }

    /// <summary>Gets whether there is no fingerprint (a short or unsampled prompt).</summary>
    public bool IsEmpty => _band0 == 0 && _band1 == 0 && _band2 == 0 && _band3 == 0;

    /// <summary>Gets band <paramref name="band"/>'s key, never 0 for a fingerprint that is not empty.</summary>
    /// <param name="band">0 to <see cref="Bands"/> - 1.</param>
    /// <returns>The key.</returns>
    public uint Band(int band) => band switch
    {
        0 => _band0,
        1 => _band1,
        2 => _band2,
        3 => _band3,
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    /// <summary>Restores a fingerprint from its band keys (as a journal stores them).</summary>
    /// <param name="band0">Band 0's key.</param>
    /// <param name="band1">Band 1's key.</param>
    /// <param name="band2">Band 2's key.</param>
    /// <param name="band3">Band 3's key.</param>
    /// <returns>The fingerprint.</returns>
    public static ContentFingerprint FromBands(uint band0, uint band1, uint band2, uint band3) => new(band0, band1, band2, band3);

    /// <summary>Computes the fingerprint of a set of token hashes (their order and repeats do not matter).</summary>
    /// <param name="tokens">The prompt's normalised token hashes.</param>
    /// <param name="sampled">Whether to fingerprint only the one prompt in <see cref="SampleOneIn"/> that consistent sampling keeps.</param>
    /// <returns>The fingerprint, or <c>default</c> for fewer than <see cref="MinTokens"/> tokens or a prompt not sampled.</returns>
    public static ContentFingerprint Compute(ReadOnlySpan<ulong> tokens, bool sampled = true)
    {
        if (tokens.Length < MinTokens)
        {
            return default;
        }

        const int count = Bands * Rows;
        Span<uint> minima = stackalloc uint[count];
        minima.Fill(uint.MaxValue);
        var multipliers = UniversalHashFamily.GetMultipliers(count);
        var addends = UniversalHashFamily.GetAddends(count);
        var first = 0UL;
        foreach (var token in tokens)
        {
            var key = UniversalHashFamily.Prepare(token, Seed);
            if (UniversalHashFamily.Evaluate(multipliers[0], addends[0], key) < minima[0])
            {
                first = token;
            }

            for (var i = 0; i < count; i++)
            {
                var value = UniversalHashFamily.Evaluate(multipliers[i], addends[i], key);
                if (value < minima[i])
                {
                    minima[i] = value;
                }
            }
        }

        if (sampled && SampleOneIn > 1 && Hashing.Hash(first, ~Seed) % SampleOneIn != 0)
        {
            return default;
        }

        return new ContentFingerprint(BandKey(minima, 0), BandKey(minima, 1), BandKey(minima, 2), BandKey(minima, 3));
    }

    private static uint BandKey(ReadOnlySpan<uint> minima, int band)
    {
        var key = Hashing.Hash((ulong)band, Seed);
        foreach (var minimum in minima.Slice(band * Rows, Rows))
        {
            key = Hashing.Combine(key, minimum);
        }

        var folded = (uint)(key ^ (key >> 32));
        return folded == 0 ? 1 : folded;
    }
}
