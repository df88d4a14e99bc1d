namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>Options of a <see cref="PseudonymKeyRing"/>.</summary>
public sealed class PseudonymKeyRingOptions
{
    /// <summary>Gets or sets how long after a newer key becomes active the older epoch's pseudonyms are still accepted.</summary>
    /// <value>Defaults to 30 days, so that indicators shared just before a rotation keep matching while peers re-publish.</value>
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Throws when the options are inconsistent.</summary>
    public void Validate()
    {
        if (OverlapWindow < TimeSpan.Zero)
        {
            throw new ArgumentException("the overlap window must not be negative");
        }
    }
}
