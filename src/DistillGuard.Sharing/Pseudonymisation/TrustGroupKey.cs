namespace DistillGuard.Sharing.Pseudonymisation;

/// <summary>One epoch of a trust group's pseudonymisation key.</summary>
/// <remarks>The members of a trust group share the keys out of band; a key is used from <see cref="ActiveFrom"/> on.</remarks>
public sealed record TrustGroupKey
{
    /// <summary>The fewest key bytes accepted: the output size of SHA-256 (RFC 2104 §3).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Gets the epoch number; later keys have larger epochs.</summary>
    public required int Epoch { get; init; }

    /// <summary>Gets the secret key, at least <see cref="MinimumKeyBytes"/> bytes.</summary>
    public required ReadOnlyMemory<byte> Key { get; init; }

    /// <summary>Gets when the key becomes the one new pseudonyms are made with.</summary>
    public required DateTimeOffset ActiveFrom { get; init; }
}
