using System.Globalization;
using DistillGuard.Core.State;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Peer intelligence: the account pays, connects or prompts with a fingerprint that a peer provider reported as part
/// of a distillation campaign. The value is the best match's weight (the peer's confidence decayed with the
/// indicator's age), so a fresh, confident report counts fully and an old or hesitant one little.
/// </summary>
internal sealed class PeerIndicatorSignal : IDetectionSignal
{
    public string Name => "peer_indicator";

    public double Weight => 3.0;

    public bool MeasuresPooledTraffic => false;

    public double Measure(SubjectState state, in SignalContext context) => state.PeerWeight;

    public string Explain(SubjectState state, double value) => state.PeerName is null
        ? "no peer reported this account's fingerprints"
        : string.Create(CultureInfo.InvariantCulture, $"its {state.PeerKind} fingerprint matches indicator {state.PeerIndicator} shared by peer {state.PeerName} (weight {value:0.00})");
}
