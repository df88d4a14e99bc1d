using System.Globalization;
using DistillGuard.Core.State;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Peer intelligence: the account pays, connects or prompts with a fingerprint that a peer provider reported as part
/// of a distillation campaign. The value is the best match's weight (the peer's confidence decayed with the
/// indicator's age), so a fresh, confident report counts fully and an old or hesitant one little.
/// </summary>
/// <remarks>
/// The weight is set so that a fresh report of confidence 0.8 or more makes an account <c>suspicious</c> on its own
/// (bias −4.5 + 5.5 × 0.85 ≈ 0.2 on the logit, a score of about 0.55), which degrades it, while <c>distillation</c>
/// (0.85) still needs the account's own evidence: a peer's word limits an account, it does not convict it.
/// </remarks>
internal sealed class PeerIndicatorSignal : IDetectionSignal
{
    public string Name => "peer_indicator";

    public double Weight => 5.5;

    public bool MeasuresPooledTraffic => false;

    public double Measure(SubjectState state, in SignalContext context) => state.PeerWeight;

    public string Explain(SubjectState state, double value) => state.PeerName is null
        ? "no peer reported this account's fingerprints"
        : string.Create(CultureInfo.InvariantCulture, $"its {state.PeerKind} fingerprint matches indicator {state.PeerIndicator} shared by peer {state.PeerName} (weight {value:0.00})");
}
