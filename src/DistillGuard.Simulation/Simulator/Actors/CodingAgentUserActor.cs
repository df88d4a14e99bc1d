using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A developer of the <c>coding-agent</c> population: one account, a coding agent on their machine, tasks on their own
/// repository on working days, each a trajectory of tool calls with results that vary and the developer stepping in.
/// </summary>
internal sealed class CodingAgentUserActor : Actor
{
    private static readonly string[] Plans = ["plus", "pay_as_you_go", "pay_as_you_go", "pay_as_you_go", "free"];

    private readonly CodingAgentPopulationSpec _spec;
    private readonly Account _account;
    private readonly HomeNetwork _network;
    private readonly ClientSoftware _software;
    private readonly int _agent;
    private readonly double _utcOffset;
    private readonly double _activeDay;
    private readonly ModelTier _tier;
    private readonly TimeSpan _adoption;

    public CodingAgentUserActor(SimulationContext context, CodingAgentPopulationSpec spec)
        : base(context)
    {
        _spec = spec;
        var country = Geo.Country(Random.PickWeighted(Geo.ChatCountries));
        _account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = Random.Chance(0.3) ? EmailDomains.Organisation(Random) : EmailDomains.PickConsumer(Random, country),
                SignupTimestamp = Random.Chance(0.15) ? YoungSignup() : OldSignup(),
                Country = country.Code,
                Plan = Random.Pick(Plans),
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign));
        _network = new HomeNetwork(country, Random, Random.Uniform(0, 0.15), Random.Chance(0.08));
        _agent = Random.Next(AgentTranscripts.SystemPrompts.Count);
        _software = Clients.CodingAgent(_agent, Random);
        _utcOffset = country.UtcOffsetHours;
        _activeDay = Random.In(spec.ActiveDayProbability);
        _tier = Random.Chance(0.7) ? ModelTier.Flagship : ModelTier.Mini;
        _adoption = TimeSpan.FromHours(4 + Random.Exponential(30));
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        var weekend = Diurnal.IsWeekend(sliceStart.AddHours(12), _utcOffset);
        if (!Random.Chance(_activeDay * (weekend ? 0.25 : 1)))
        {
            return;
        }

        var starts = Enumerable.Range(0, Random.In(_spec.TasksPerDay)).Select(_ => Diurnal.Sample(sliceStart, _utcOffset, Diurnal.LongHours, Random)).Order().ToList();
        var busy = DateTimeOffset.MinValue;
        foreach (var start in starts)
        {
            busy = Task(start < busy ? busy.AddMinutes(Random.Uniform(2, 30)) : start);
        }
    }

    private DateTimeOffset Task(DateTimeOffset start)
    {
        var (temperature, maxTokens, maxCompletionTokens, stream) = AgentTranscripts.Settings(_agent);
        var client = _network.ForSession(start, _software, Random);
        var model = Context.Models.LatestAdopted(_tier, start, _adoption);
        var history = new List<ChatMessage> { new("system", AgentTranscripts.SystemPrompts[_agent]), new("user", AgentTranscripts.DevTask(Random)) };
        var steps = Random.In(_spec.StepsPerTask);
        var at = start;
        for (var step = 0; step < steps; step++)
        {
            var final = step == steps - 1;
            var (call, result) = AgentTranscripts.DevStep(Random);
            var request = new RequestSpec
            {
                Model = model,
                Messages = [.. history],
                Temperature = temperature,
                MaxTokens = maxTokens,
                MaxCompletionTokens = maxCompletionTokens,
                Stream = stream,
                HasTools = true,
                ToolCall = !final,
                Kind = ContentKind.Code,
                AnswerTokens = final ? Random.LogNormal(260, 0.5) : Random.LogNormal(140, 0.6),
                Output = final ? "Done. Summary of the changes:" : call.Content,
            };
            Context.Exchanges.Emit(at, _account, _account.Subject, null, client, request, Random, ErrorProfile.Interactive);
            history.Add(call);
            history.Add(result);
            at = at.AddSeconds((request.AnswerTokens * model.MsPerToken / 1000) + Random.Uniform(0.5, 8));
            if (!final && Random.Chance(0.12))
            {
                // The developer reads what happened and steps in.
                at = at.AddSeconds(Random.LogNormal(70, 0.9));
                history.Add(new ChatMessage("user", AgentTranscripts.DevInterjection(Random)));
            }
        }

        return at;
    }
}
