using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// Multi-turn elaboration harvesting (<c>elaboration</c>): each sweep item opens a conversation, and every follow-up
/// only asks for more depth on what the model just wrote, so each turn draws a longer answer on the same item.
/// </summary>
internal sealed class ElaborationActor : AdaptiveCampaignActor
{
    private readonly ElaborationCampaignSpec _spec;

    public ElaborationActor(SimulationContext context, ElaborationCampaignSpec spec)
        : base(context, spec)
    {
        _spec = spec;
        var count = context.Scaled(spec.Accounts);
        for (var i = 0; i < count; i++)
        {
            NewAccountFront();
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
            var history = Conversation(front, Prompt(front, item));
            var turns = 1 + Random.In(_spec.DepthTurns);
            for (var turn = 0; turn < turns && sent < count; turn++)
            {
                if (turn > 0)
                {
                    history.Add(new ChatMessage("user", DepthFollowUps.Next(Context.Scenario.Phrasings, front.Language, Random)));
                }

                var request = Request(front, at, [.. history], item.Kind, lengthFactor: 1 + (0.25 * turn));
                var output = AnswerText(request);
                Send(front, at, client, request with { Output = output });
                history.Add(new ChatMessage("assistant", output));
                sent++;
                at += ReadingTime(request);
            }
        }

        return at;
    }
}
