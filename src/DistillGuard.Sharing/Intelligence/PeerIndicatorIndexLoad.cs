namespace DistillGuard.Sharing.Intelligence;

/// <summary>What <see cref="PeerIndicatorIndex.Replace"/> made of the indicators it was given.</summary>
public sealed record PeerIndicatorIndexLoad
{
    /// <summary>Gets how many indicators (newest versions) are now matched.</summary>
    public required int Indexed { get; init; }

    /// <summary>Gets how many indicators had a pattern that is not a DistillGuard fingerprint pattern, and are ignored.</summary>
    public required int Unparsed { get; init; }

    /// <summary>Gets how many indicators are revoked (in their newest version), and are ignored.</summary>
    public required int Revoked { get; init; }

    /// <summary>Gets how many pseudonymised values are indexed.</summary>
    public required int Values { get; init; }
}
