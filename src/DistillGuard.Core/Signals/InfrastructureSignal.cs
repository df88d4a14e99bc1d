using System.Globalization;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Infrastructure: many addresses and networks for one subject (residential-proxy rotation), VPN and Tor exits, and
/// accounts that start harvesting as soon as they are created.
/// </summary>
internal sealed class InfrastructureSignal : IDetectionSignal
{
    public string Name => "infrastructure";

    public double Weight => 2.0;

    public double Measure(SubjectState state, in SignalContext context)
    {
        var n = Math.Max(1, state.Exchanges);
        var ips = state.Ips.Estimate();
        var prefixes = state.IpPrefixes.Estimate();
        var residential = (double)(state.Networks[(int)NetworkType.Residential] + state.Networks[(int)NetworkType.Mobile]) / n;
        var rotation = SignalMath.Ramp(prefixes / n, 0.15, 0.6) * SignalMath.Ramp(prefixes, 3, 8);
        var proxy = rotation * (0.5 + 0.5 * residential);
        var anonymised = SignalMath.Share(state.Networks[(int)NetworkType.Vpn] + state.Networks[(int)NetworkType.Tor], n, 2);
        var young = state.AgeAtFirstSeenDays is { } age ? SignalMath.Ramp(3 - age, 0, 3) : 0;
        var value = Math.Max(proxy, anonymised * 0.8) * (0.6 + 0.4 * young) + 0.25 * young * SignalMath.Ramp(ips, 2, 6);
        return Math.Min(1, value);
    }

    public string Explain(SubjectState state, double value)
    {
        var n = Math.Max(1, state.Exchanges);
        var age = state.AgeAtFirstSeenDays is { } a ? $"; account {a.ToString("0.#", CultureInfo.InvariantCulture)} days old at first use" : string.Empty;
        return $"{state.Ips.Estimate():0} addresses in {state.IpPrefixes.Estimate():0} networks and {state.Asns.Estimate():0} autonomous systems over {state.Exchanges} requests, "
            + $"{TextTokens.Percent((double)(state.Networks[(int)NetworkType.Residential] + state.Networks[(int)NetworkType.Mobile]) / n)} residential, "
            + $"{TextTokens.Percent((double)(state.Networks[(int)NetworkType.Vpn] + state.Networks[(int)NetworkType.Tor]) / n)} VPN/Tor{age}";
    }
}
