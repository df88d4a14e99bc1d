using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>Draws the habits of individual chat users: model, request settings, rhythm and appetite.</summary>
internal static class ChatPersonas
{
    private static readonly int[] Budgets = [512, 1024, 1024, 2048, 2048, 4096, 8192];
    private static readonly int[] PowerBudgets = [2048, 4096, 8192, 8192, 16000, 32000];

    public static ChatPersona Individual(
        SimRandom random,
        string language,
        double utcOffsetHours,
        double activeDayProbability,
        double sessionsPerActiveDay,
        IntRange turns,
        bool power,
        double codingShare,
        double stepByStepShare,
        DateTimeOffset activeFrom)
    {
        var tierRoll = random.NextDouble();
        var tier = power
            ? (tierRoll < 0.55 ? ModelTier.Flagship : tierRoll < 0.8 ? ModelTier.Mini : ModelTier.Fast)
            : (tierRoll < 0.3 ? ModelTier.Flagship : tierRoll < 0.55 ? ModelTier.Mini : ModelTier.Fast);
        var adopts = random.Chance(power ? 0.85 : 0.5);
        var adoptionDelay = adopts ? TimeSpan.FromHours(6 + random.Exponential(power ? 24 : 80)) : (TimeSpan?)null;

        return new ChatPersona
        {
            Language = language,
            UtcOffsetHours = utcOffsetHours,
            Profile = power && random.Chance(0.5) ? Diurnal.LongHours : Diurnal.Human,
            ActiveDayProbability = power ? random.Uniform(0.8, 1.0) : activeDayProbability,
            SessionsPerActiveDay = power ? sessionsPerActiveDay * random.Uniform(2.5, 4.5) : sessionsPerActiveDay,
            TurnsPerSession = power ? IntRange.Of(turns.Min, Math.Max(turns.Max, 12)) : turns,
            CodingShare = codingShare,
            StepByStepShare = power ? stepByStepShare * 2 : stepByStepShare,
            SystemPrompt = SystemPrompts.ForIndividual(random),
            Tier = tier,
            AdoptionDelay = adoptionDelay,
            Temperature = random.Next(25) switch
            {
                < 15 => null,
                < 19 => 0.7,
                < 21 => 1.0,
                22 => 0.2,
                23 => 0.5,
                _ => 0.0,
            },
            TopP = random.Chance(0.06) ? random.Pick([0.9, 0.95, 1.0]) : null,
            MaxTokens = random.Chance(power ? 0.7 : 0.5) ? random.Pick(power ? PowerBudgets : Budgets) : null,
            UsesMaxCompletionTokens = random.Chance(0.4),
            Stream = random.Next(20) switch
            {
                < 7 => null,
                < 17 => true,
                _ => false,
            },
            ReasoningEffort = random.Next(20) switch
            {
                < 13 => null,
                < 15 => "low",
                < 18 => "medium",
                _ => "high",
            },
            ActiveFrom = activeFrom,
        };
    }
}
