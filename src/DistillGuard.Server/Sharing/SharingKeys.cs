using DistillGuard.Sharing.Intelligence;
using DistillGuard.Sharing.Pseudonymisation;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Sharing;

/// <summary>The trust group's key ring and the index of the peers' indicators, when sharing is on.</summary>
/// <remarks>Apart from <see cref="SharingCoordinator"/> so the engine's options can take the index without a cycle.</remarks>
internal sealed class SharingKeys
{
    public SharingKeys(IOptions<SharingOptions> options, TimeProvider time)
    {
        var value = options.Value;
        if (!value.Enabled)
        {
            return;
        }

        var keys = value.TrustGroupKeys();
        var ringOptions = new PseudonymKeyRingOptions { OverlapWindow = value.KeyOverlap };
        Ring = new PseudonymKeyRing(keys, time, ringOptions);
        Index = new PeerIndicatorIndex(keys, time, new PeerIndicatorIndexOptions { HalfLife = value.IndicatorHalfLife, KeyRing = ringOptions });
    }

    /// <summary>Gets the key ring, or null when sharing is off.</summary>
    public PseudonymKeyRing? Ring { get; }

    /// <summary>Gets the index of the peers' indicators, or null when sharing is off.</summary>
    public PeerIndicatorIndex? Index { get; }
}
