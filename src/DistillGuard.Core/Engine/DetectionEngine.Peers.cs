using DistillGuard.Core.Intelligence;
using DistillGuard.Core.Linking;
using DistillGuard.Core.State;

namespace DistillGuard.Core.Engine;

/// <summary>Matching accounts' fingerprints against the indicators peers shared (<see cref="DetectionOptions.PeerIndicators"/>).</summary>
public sealed partial class DetectionEngine
{
    /// <summary>Matches the link values an account gained since <paramref name="known"/>.</summary>
    private void MatchPeers(AccountEntry account, int known, DateTimeOffset at)
    {
        if (_options.PeerIndicators is null)
        {
            return;
        }

        for (var i = known; i < account.Values.Count; i++)
        {
            var value = account.Values[i];
            switch (value.Kind)
            {
                case LinkKind.PaymentFingerprint:
                    MatchPeer(account.State, PeerFingerprintKind.Payment, value.Value, at);
                    break;
                case LinkKind.EmailDomain:
                    MatchPeer(account.State, PeerFingerprintKind.EmailDomain, value.Value, at);
                    break;
                case LinkKind.ClientFingerprint:
                    MatchPeer(account.State, PeerFingerprintKind.Tls, ClientFingerprintLink.TlsFingerprintOf(value.Value), at);
                    break;
            }
        }
    }

    /// <summary>Keeps the account's best match; a better one re-scores the account at its next exchange.</summary>
    private void MatchPeer(SubjectState state, PeerFingerprintKind kind, string raw, DateTimeOffset at)
    {
        if (_options.PeerIndicators is { } peers && peers.TryMatch(kind, raw, at, out var match) && match.Weight > state.PeerWeight)
        {
            state.PeerWeight = Math.Clamp(match.Weight, 0, 1);
            state.PeerName = match.Peer;
            state.PeerIndicator = match.IndicatorId;
            state.PeerKind = kind switch
            {
                PeerFingerprintKind.Payment => "payment",
                PeerFingerprintKind.Tls => "TLS",
                PeerFingerprintKind.EmailDomain => "e-mail domain",
                PeerFingerprintKind.ProxyPrefix => "proxy address",
                _ => "prompt template",
            };
        }
    }
}
