using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A person's conversations on one day: whether they show up, when their conversations start (their local diurnal
/// rhythm), what they ask first and how they follow up, each request carrying the conversation so far.
/// </summary>
internal sealed class ChatBehaviour(ChatPersona persona, SimulationContext context, SimRandom random)
{
    private static readonly TimeSpan Never = TimeSpan.FromDays(3650);

    public ChatPersona Persona => persona;

    /// <summary>Plans the conversations that start on <paramref name="day"/>, each a list of timed requests.</summary>
    public List<List<(DateTimeOffset At, RequestSpec Spec)>> Day(int day)
    {
        var planned = new List<List<(DateTimeOffset At, RequestSpec Spec)>>();
        var sliceStart = context.DayStart(day);
        if (sliceStart.AddDays(1) <= persona.ActiveFrom)
        {
            return planned;
        }

        var weekendFactor = Diurnal.IsWeekend(sliceStart.AddHours(12), persona.UtcOffsetHours) ? 0.85 : 1.0;
        if (!random.Chance(persona.ActiveDayProbability * weekendFactor))
        {
            return planned;
        }

        var sessions = Math.Max(1, random.Poisson(persona.SessionsPerActiveDay));
        for (var i = 0; i < sessions; i++)
        {
            var start = Diurnal.Sample(sliceStart, persona.UtcOffsetHours, persona.Profile, random);
            if (start >= persona.ActiveFrom)
            {
                planned.Add(Session(start));
            }
        }

        return planned;
    }

    private List<(DateTimeOffset At, RequestSpec Spec)> Session(DateTimeOffset start)
    {
        var planned = new List<(DateTimeOffset At, RequestSpec Spec)>();
        var coding = random.Chance(persona.CodingShare);
        var roleplay = !coding && random.Chance(0.1);
        var turns = random.Chance(0.45) ? 1 : random.In(persona.TurnsPerSession);
        var tier = random.Chance(0.12) ? random.Pick(Enum.GetValues<ModelTier>()) : persona.Tier;
        var model = context.Models.LatestAdopted(tier, start, persona.AdoptionDelay ?? Never);

        var history = new List<ChatMessage>();
        if (persona.SystemPrompt is not null && !roleplay)
        {
            history.Add(new ChatMessage("system", persona.SystemPrompt));
        }

        var at = start;
        for (var turn = 0; turn < turns; turn++)
        {
            var (text, kind) = turn == 0 ? FirstPrompt(coding, roleplay) : FollowUp(coding, roleplay);
            var stepwise = random.Chance(persona.StepByStepShare) && kind != ContentKind.Creative;
            if (stepwise)
            {
                var ask = random.Pick(BenignPhrasings.ExplainAsks.TryGetValue(persona.Language, out var asks) ? asks : BenignPhrasings.ExplainAsks["en"]);
                text = turn > 0 && random.Chance(0.5) ? ask : text + (random.Chance(0.5) ? "\n\n" : " ") + ask;
            }

            history.Add(new ChatMessage("user", text));
            var answerTokens = kind switch
            {
                ContentKind.Code => random.LogNormal(520, 0.5),
                ContentKind.Creative => random.LogNormal(480, 0.5),
                ContentKind.Short => random.LogNormal(150, 0.5),
                _ => random.LogNormal(380, 0.55),
            };
            var output = AnswerStubs.Compose(kind, persona.Language, stepwise, random, random.Next(120, 420));
            planned.Add((at, new RequestSpec
            {
                Model = model,
                Messages = [.. history],
                Temperature = persona.Temperature,
                TopP = persona.TopP,
                MaxTokens = persona.UsesMaxCompletionTokens ? null : persona.MaxTokens,
                MaxCompletionTokens = persona.UsesMaxCompletionTokens ? persona.MaxTokens : null,
                Stream = persona.Stream,
                ReasoningEffort = persona.ReasoningEffort,
                Kind = kind,
                Language = persona.Language,
                Stepwise = stepwise,
                AnswerTokens = answerTokens,
                Output = output,
            }));
            history.Add(new ChatMessage("assistant", output));

            // Waiting for the answer, reading it and typing the next message.
            at = at.AddSeconds((answerTokens * model.MsPerToken / 1000) + random.LogNormal(55, 0.9) + 4);
        }

        return planned;
    }

    private (string Text, ContentKind Kind) FirstPrompt(bool coding, bool roleplay)
    {
        var corpus = context.Corpus;
        if (roleplay)
        {
            // Role-play prompts are mostly pasted as found.
            var role = random.Pick(corpus.Awesome).Text;
            return (persona.CorpusOnly || random.Chance(0.7) ? role : EverydayForge.Casual(role, random), ContentKind.Creative);
        }

        if (persona.Language != "en" && ForeignPhrases.Questions.TryGetValue(persona.Language, out var questions) && random.Chance(0.75))
        {
            return (ForeignPhrases.Casual(persona.Language, random.Pick(questions), random), ContentKind.Prose);
        }

        if (coding)
        {
            return random.Next(4) switch
            {
                < 2 when !persona.CorpusOnly => (CodeForge.Question(random), ContentKind.Code),
                2 => (EverydayForge.Casual(random.Pick(corpus.ArenaCoding).Text, random), ContentKind.Code),
                _ => (EverydayForge.Casual(random.Pick(corpus.OasstCoding).Text, random), ContentKind.Code),
            };
        }

        var roll = random.NextDouble();
        if (persona.CorpusOnly)
        {
            return (random.Pick(corpus.OasstGeneral).Text, ContentKind.Prose);
        }

        return roll switch
        {
            < 0.42 => (EverydayForge.Casual(EverydayForge.Question(random), random), ContentKind.Prose),
            < 0.78 => (EverydayForge.Casual(random.Pick(corpus.OasstGeneral).Text, random), ContentKind.Prose),
            < 0.88 => (random.Chance(0.75) ? EverydayForge.Casual(random.Pick(corpus.ArenaGeneral).Text, random) : random.Pick(corpus.ArenaGeneral).Text, ContentKind.Prose),
            _ => (random.Chance(0.75) ? EverydayForge.Casual(random.Pick(corpus.SelfInstructUser).Text, random) : random.Pick(corpus.SelfInstructUser).Text, ContentKind.Short),
        };
    }

    private (string Text, ContentKind Kind) FollowUp(bool coding, bool roleplay)
    {
        if (persona.Language != "en" && ForeignPhrases.FollowUps.TryGetValue(persona.Language, out var followUps))
        {
            return (random.Pick(followUps), ContentKind.Prose);
        }

        if (coding)
        {
            return (CodeForge.FollowUp(random), ContentKind.Code);
        }

        return (random.Pick(EverydayForge.FollowUps), roleplay ? ContentKind.Creative : ContentKind.Prose);
    }
}
