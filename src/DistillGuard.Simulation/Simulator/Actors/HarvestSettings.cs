namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>The request settings a harvesting client sends with every prompt.</summary>
internal sealed record HarvestSettings
{
    public int? MaxCompletionTokens { get; init; }

    public int? MaxTokens { get; init; }

    public string? ReasoningEffort { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? N { get; init; }

    public bool? Logprobs { get; init; }

    public int? TopLogprobs { get; init; }

    public bool? Stream { get; init; }

    /// <summary>Gets the median visible answer length, in tokens, the prompts draw out.</summary>
    public double AnswerTokens { get; init; } = 1800;
}
