using DistillGuard.Simulation.Simulator.Engine;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A release pivot (<c>release-pivot</c>): single-turn paraphrased harvesting that a few fronts run on the old
/// flagship, until the pivot a few hours after a new flagship's release, from when every front harvests the new model
/// and sends more.
/// </summary>
internal sealed class ReleasePivotActor : AdaptiveCampaignActor
{
    private readonly ReleasePivotCampaignSpec _spec;
    private readonly DateTimeOffset _pivot;
    private readonly HashSet<AdaptiveFront> _early = [];

    public ReleasePivotActor(SimulationContext context, ReleasePivotCampaignSpec spec)
        : base(context, spec)
    {
        _spec = spec;
        var release = context.Models.NewReleases.FirstOrDefault(m => m.Tier == ModelTier.Flagship)
            ?? throw new ScenarioException($"campaign '{spec.Id}': a release pivot needs a flagship released during the simulation");
        _pivot = release.ReleasedAt + PivotDelay;
        var count = context.Scaled(spec.Accounts);
        for (var i = 0; i < count; i++)
        {
            var front = NewAccountFront();
            if (Random.Chance(spec.PreReleaseShare))
            {
                _early.Add(front);
            }
            else if (front.ActiveFrom < _pivot)
            {
                front.ActiveFrom = _pivot.AddMinutes(Random.Uniform(0, 180));
            }
        }
    }

    protected override (double Activity, double Volume) DayFactors(AdaptiveFront front, int day) =>
        DayStart(day).AddDays(1) <= _pivot ? (_early.Contains(front) ? 1 : 0, 1) : (1.25, _spec.PostReleaseVolume);

    protected override DateTimeOffset Sitting(AdaptiveFront front, DateTimeOffset start, int count) => SingleTurnSitting(front, start, count);
}
