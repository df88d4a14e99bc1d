using DistillGuard.Sharing.Pseudonymisation;

namespace DistillGuard.Sharing.Intelligence;

/// <summary>Options of a <see cref="PeerIndicatorIndex"/>.</summary>
public sealed class PeerIndicatorIndexOptions
{
    /// <summary>Gets or sets the age after which a peer's indicator counts half as much.</summary>
    /// <value>Defaults to 30 days.</value>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the confidence (0 to 100) of an indicator that states none.</summary>
    /// <value>Defaults to 50, STIX's "medium".</value>
    public int DefaultConfidence { get; set; } = 50;

    /// <summary>Gets or sets how many pseudonymised raw values are cached before the cache starts over.</summary>
    /// <value>Defaults to 100,000 (a few MB).</value>
    public int CacheCapacity { get; set; } = 100_000;

    /// <summary>Gets or sets the key ring's options (how long an older key epoch is still accepted).</summary>
    /// <value>Defaults to the key ring's defaults.</value>
    public PseudonymKeyRingOptions KeyRing { get; set; } = new();

    /// <summary>Throws when the options are inconsistent.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (HalfLife <= TimeSpan.Zero)
        {
            throw new ArgumentException("the half-life of peer indicators must be positive");
        }

        if (DefaultConfidence is < 0 or > 100)
        {
            throw new ArgumentException("the default confidence must be in [0, 100]");
        }

        if (CacheCapacity < 1)
        {
            throw new ArgumentException("the pseudonym cache needs room for at least one value");
        }

        ArgumentNullException.ThrowIfNull(KeyRing);
        KeyRing.Validate();
    }
}
