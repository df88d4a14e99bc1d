using System.Globalization;
using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// Tool-use harvesting (<c>agentic</c>): each front runs one coding agent; each task is the next sweep item in the next
/// language, sent as the agent sends it (its system prompt, tools offered), followed by the sandbox's canned tool steps
/// and a final answer.
/// </summary>
internal sealed class AgenticActor : AdaptiveCampaignActor
{
    private readonly (string Language, string Extension, string Runner)[] _languages;
    private readonly Dictionary<AdaptiveFront, int> _agents = [];
    private int _tasks;

    public AgenticActor(SimulationContext context, AgenticCampaignSpec spec)
        : base(context, spec)
    {
        _languages = [.. spec.CodeLanguages.Select(name => AgentTranscripts.Languages.First(l => l.Language == name))];
        var count = context.Scaled(spec.Accounts);
        for (var i = 0; i < count; i++)
        {
            var agent = Random.Next(AgentTranscripts.SystemPrompts.Count);
            var front = NewAccountFront(Clients.CodingAgent(agent, Random));
            _agents[front] = agent;
        }
    }

    protected override DateTimeOffset Sitting(AdaptiveFront front, DateTimeOffset start, int count)
    {
        var at = start;
        var client = SessionClient(front, at);
        var agent = _agents[front];
        var (temperature, maxTokens, maxCompletionTokens, stream) = AgentTranscripts.Settings(agent);
        var sent = 0;
        while (sent < count)
        {
            var item = Sweep.Next(out _);
            var (language, extension, runner) = _languages[(_tasks++ / Math.Max(1, Sweep.PassLength)) % _languages.Length];
            var task = Prompt(front, item);
            if (language != "Python" || !Random.Chance(0.5))
            {
                task = (Random.Chance(0.5) ? $"In {language}: " : string.Empty) + task + (Random.Chance(0.5) ? $"\n\nWrite it in {language}, in solution.{extension}." : $"\n\n({language})");
            }

            var history = new List<ChatMessage> { new("system", AgentTranscripts.SystemPrompts[agent]), new("user", task) };
            var steps = AgentTranscripts.SandboxSteps(extension, runner, Random.Next(3, 12), Random);
            for (var step = 0; step <= steps.Count && sent < count; step++)
            {
                var final = step == steps.Count;
                var output = final
                    ? string.Create(CultureInfo.InvariantCulture, $"Implemented the solution in solution.{extension}; all tests pass.")
                    : steps[step].Call.Content;
                var request = Request(front, at, [.. history], ContentKind.Code, output, final ? 1 : 0.6) with
                {
                    Temperature = temperature,
                    MaxTokens = maxTokens,
                    MaxCompletionTokens = maxCompletionTokens,
                    Stream = stream,
                    HasTools = true,
                    ToolCall = !final,
                };
                Send(front, at, client, request);
                sent++;
                if (!final)
                {
                    history.Add(steps[step].Call);
                    history.Add(steps[step].Result);
                }

                // The agent runs the tool and sends the next step at once; no one reads in between.
                at = at.AddSeconds((request.AnswerTokens * request.Model.MsPerToken / 1000) + Random.Uniform(0.5, 4));
            }

            at = at.AddSeconds(Random.LogNormal(25, 0.7));
        }

        return at;
    }
}
