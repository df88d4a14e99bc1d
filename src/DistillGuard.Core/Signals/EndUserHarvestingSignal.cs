using DistillGuard.Core.State;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Signals;

/// <summary>
/// For an account that serves end users: the share of its end users that are themselves flagged. A legitimate router
/// has a few bad users among many; an attacker-run reseller is made of them.
/// </summary>
internal sealed class EndUserHarvestingSignal : IDetectionSignal
{
    public string Name => "end_user_harvesting";

    public double Weight => 6.0;

    public bool MeasuresPooledTraffic => false;

    public double Measure(SubjectState state, in SignalContext context)
    {
        if (state.Key.EndUserId is not null || state.FlaggedEndUsers == 0)
        {
            return 0;
        }

        var share = Share(state);
        return SignalMath.Ramp(share, 0.1, 0.35);
    }

    public string Explain(SubjectState state, double value) =>
        $"{state.FlaggedEndUsers} of about {state.EndUsers.Estimate():0} end users ({TextTokens.Percent(Share(state))}) are flagged";

    private static double Share(SubjectState state)
    {
        var users = Math.Max(state.EndUsers.Estimate(), state.FlaggedEndUsers);
        return users <= 0 ? 0 : state.FlaggedEndUsers / (users + 2);
    }
}
