using DistillGuard.Simulation.Simulator.Engine;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A paraphrasing hydra (<c>paraphrase-hydra</c>): accounts that each look like one heavy chat user, each prompt a new
/// conversation with one sweep item reworded on its own (and, for MT-Bench items, sometimes its second turn).
/// </summary>
internal sealed class ParaphraseHydraActor : AdaptiveCampaignActor
{
    public ParaphraseHydraActor(SimulationContext context, ParaphraseHydraCampaignSpec spec)
        : base(context, spec)
    {
        var count = context.Scaled(spec.Accounts);
        for (var i = 0; i < count; i++)
        {
            NewAccountFront();
        }
    }

    /// <summary>Creates the fronts as end users of <paramref name="host"/> instead of accounts of their own (the router-resold shape).</summary>
    public ParaphraseHydraActor(SimulationContext context, RouterResoldCampaignSpec spec, RouterHost host)
        : base(context, spec)
    {
        var count = context.Scaled(spec.EndUsers);
        for (var i = 0; i < count; i++)
        {
            NewEndUserFront(host);
        }
    }

    protected override DateTimeOffset Sitting(AdaptiveFront front, DateTimeOffset start, int count) => SingleTurnSitting(front, start, count);
}
