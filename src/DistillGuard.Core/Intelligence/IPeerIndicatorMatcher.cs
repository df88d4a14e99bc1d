namespace DistillGuard.Core.Intelligence;

/// <summary>
/// Answers whether one of a subject's raw values (a payment fingerprint, a TLS fingerprint, a proxy address...) is
/// among the indicators that peers shared. The engine asks once per new value of an account; the implementation
/// pseudonymises the value the way the trust group does and looks it up, so the engine never sees a peer's data and
/// no raw value leaves.
/// </summary>
/// <remarks>Implementations are thread-safe and fast (they cache): the engine calls them on its ordered path.</remarks>
public interface IPeerIndicatorMatcher
{
    /// <summary>Looks a value up.</summary>
    /// <param name="kind">What the value is.</param>
    /// <param name="rawValue">The value as the engine knows it.</param>
    /// <param name="at">The time of the exchange (indicators decay with age).</param>
    /// <param name="match">The best match, when there is one.</param>
    /// <returns>Whether the value matched.</returns>
    bool TryMatch(PeerFingerprintKind kind, string rawValue, DateTimeOffset at, out PeerIndicatorMatch match);
}
