using DistillGuard.Simulation.Simulator.Engine;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>How one person chats: when, how much, in which language, about what, and with which request settings.</summary>
internal sealed record ChatPersona
{
    public string Language { get; init; } = "en";

    public double UtcOffsetHours { get; init; }

    public IReadOnlyList<double> Profile { get; init; } = Infrastructure.Diurnal.Human;

    public double ActiveDayProbability { get; init; } = 0.3;

    public double SessionsPerActiveDay { get; init; } = 1.6;

    public IntRange TurnsPerSession { get; init; } = IntRange.Of(1, 6);

    /// <summary>Gets the share of conversations that are about code.</summary>
    public double CodingShare { get; init; } = 0.1;

    /// <summary>Gets the share of turns that ask for a step-by-step explanation.</summary>
    public double StepByStepShare { get; init; } = 0.05;

    /// <summary>Gets whether prompts come only from the chat corpora, as padding copied from them does.</summary>
    public bool CorpusOnly { get; init; }

    public string? SystemPrompt { get; init; }

    public ModelTier Tier { get; init; } = ModelTier.Fast;

    /// <summary>Gets how long after a new flagship's release the person starts using it, or <see langword="null"/> if never.</summary>
    public TimeSpan? AdoptionDelay { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? MaxTokens { get; init; }

    public bool UsesMaxCompletionTokens { get; init; }

    public bool? Stream { get; init; }

    public string? ReasoningEffort { get; init; }

    public DateTimeOffset ActiveFrom { get; init; } = DateTimeOffset.MinValue;

    /// <summary>Gets the error profile of the person's client.</summary>
    public ErrorProfile Errors { get; init; } = ErrorProfile.Interactive;
}
