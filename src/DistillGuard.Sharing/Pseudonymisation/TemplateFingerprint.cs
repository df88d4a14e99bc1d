namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>The pseudonymised locality-sensitive fingerprint of a prompt template: one keyed hash per LSH band.</summary>
/// <param name="KeyEpoch">The epoch of the key the bands were made with.</param>
/// <param name="Bands">The pseudonym of each band, in band order (lower-case hex HMAC-SHA256).</param>
/// <remarks>Two templates match when they share any band, which a paraphrase with a few tokens changed does with high probability (see <see cref="PseudonymKeyRing"/>).</remarks>
public sealed record TemplateFingerprint(int KeyEpoch, IReadOnlyList<string> Bands)
{
    /// <summary>Gets whether this fingerprint shares a band with another made under the same key.</summary>
    /// <param name="other">The other fingerprint.</param>
    /// <returns>Whether the epochs are equal and any band position holds the same pseudonym.</returns>
    public bool SharesBandWith(TemplateFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.KeyEpoch != KeyEpoch)
        {
            return false;
        }

        var bands = Math.Min(Bands.Count, other.Bands.Count);
        for (var i = 0; i < bands; i++)
        {
            if (string.Equals(Bands[i], other.Bands[i], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets the bands as fingerprints of type <see cref="FingerprintType.PromptTemplate"/>, one observable each.</summary>
    /// <returns>The fingerprints, in band order.</returns>
    public IEnumerable<ClientFingerprint> AsFingerprints() => Bands.Select(b => new ClientFingerprint(FingerprintType.PromptTemplate, b, KeyEpoch));
}
