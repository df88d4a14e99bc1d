using DistillGuard.Core.Exchanges;
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

    protected override DateTimeOffset Sitting(AdaptiveFront front, DateTimeOffset start, int count)
    {
        var at = start;
        var client = SessionClient(front, at);
        var sent = 0;
        while (sent < count)
        {
            var item = Sweep.Next(out _);
            var messages = Conversation(front, Prompt(front, item));
            var request = Request(front, at, messages, item.Kind);
            var output = AnswerText(request);
            Send(front, at, client, request with { Output = output });
            sent++;
            at += ReadingTime(request);
            if (item.FollowUp is not null && sent < count && front.Language == "en" && Random.Chance(0.5))
            {
                var second = new List<ChatMessage>(messages) { new("assistant", output), new("user", item.FollowUp) };
                var followUp = Request(front, at, second, item.Kind);
                Send(front, at, client, followUp);
                sent++;
                at += ReadingTime(followUp);
            }
        }

        return at;
    }
}
